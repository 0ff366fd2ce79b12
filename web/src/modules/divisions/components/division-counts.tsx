import { DIVISION_LEVELS } from '@linli/common';
import { Card, Col, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../ui/empty-state.tsx';
import type { DivisionDetail } from '../divisions.types.ts';
import { useDivisionLabels } from '../hooks/use-division-labels.ts';

/** One statistic per level below this division (街道 7, 镇 3, 开发区 2, 社区 58, 村 22, 网格 312). */
export function DivisionCounts({ counts }: { counts: DivisionDetail['descendantCounts'] }) {
  const { t } = useTranslation();
  const { levelName } = useDivisionLabels();
  const levels = DIVISION_LEVELS.filter((level) => (counts[level] ?? 0) > 0);

  return (
    <Card title={t('divisions.counts.title')} size="small" data-testid="division-counts">
      {levels.length === 0 ? (
        <EmptyState description={t('divisions.counts.empty')} />
      ) : (
        <Row gutter={[12, 12]}>
          {levels.map((level) => (
            <Col key={level} xs={12} sm={8} md={6} xl={4}>
              <div data-testid={`count-${level}`} data-level={level} data-count={counts[level]}>
                <Statistic
                  title={<span className="level-title">{levelName(level)}</span>}
                  value={counts[level]}
                />
              </div>
            </Col>
          ))}
        </Row>
      )}
    </Card>
  );
}
