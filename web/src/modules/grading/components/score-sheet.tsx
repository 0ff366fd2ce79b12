import { Card, Flex, InputNumber, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../i18n/index.ts';
import type { IndicatorArea } from '../grading.types.ts';

/** An indicator tree with one points field per indicator (capped at its maximum) and the running total. */
export function ScoreSheet({
  template,
  scores,
  onChange,
  readOnly,
  testId,
}: {
  template: readonly IndicatorArea[];
  scores: Record<string, number>;
  onChange?: (scores: Record<string, number>) => void;
  readOnly?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const total = Object.values(scores).reduce((s, p) => s + p, 0);
  return (
    <Flex vertical gap={8} data-testid={testId}>
      {template.map((area) => (
        <Card
          key={area.code}
          size="small"
          title={`${locale === 'zh-CN' ? area.name : area.nameEn} (${area.indicators.reduce((s, i) => s + i.maxPoints, 0)})`}
        >
          <Flex wrap gap={12}>
            {area.indicators.map((i) => {
              const label = locale === 'zh-CN' ? i.name : i.nameEn;
              return (
                <Flex key={i.code} vertical style={{ width: 170 }}>
                  <Typography.Text>
                    {label}{' '}
                    <Typography.Text type="secondary">
                      {t('grading.round.maxPoints', { points: i.maxPoints })}
                    </Typography.Text>
                  </Typography.Text>
                  <InputNumber
                    aria-label={label}
                    data-testid={`score-${i.code}`}
                    min={0}
                    max={i.maxPoints}
                    precision={0}
                    disabled={readOnly}
                    value={scores[i.code] ?? null}
                    onChange={(v) => {
                      const next = { ...scores };
                      if (v === null) delete next[i.code];
                      else next[i.code] = v;
                      onChange?.(next);
                    }}
                  />
                </Flex>
              );
            })}
          </Flex>
        </Card>
      ))}
      <Typography.Text strong data-testid={testId ? `${testId}-total` : undefined}>
        {t('grading.sheets.total', { total })}
      </Typography.Text>
    </Flex>
  );
}
