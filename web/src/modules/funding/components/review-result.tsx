import { Alert, Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../i18n/index.ts';
import { formatDateTime } from '../../../ui/format.ts';
import { useReviewResult } from '../hooks/use-reviews.ts';

/** An application's pre-assessment result: score and rank once the notice is out, no reviewers' names. */
export function ReviewResult({ applicationId }: { applicationId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const result = useReviewResult(applicationId);
  const r = result.data;
  if (!r) return null;
  return (
    <section data-testid="review-result">
      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 16 }}>
        {t('review.result.title')}
      </Typography.Title>
      {r.score === null ? (
        <Typography.Text type="secondary">{t('review.result.pending')}</Typography.Text>
      ) : (
        <Descriptions size="small" column={{ xs: 1, sm: 3 }} bordered>
          <Descriptions.Item label={t('review.result.score')}>
            {r.score}
            {r.rankingScore !== r.score ? `（${t('review.panel.rankingScore')} ${r.rankingScore}）` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('review.result.rank')}>
            {r.rank === null ? '—' : t('review.result.rankValue', { rank: r.rank, of: r.rankedOf })}
          </Descriptions.Item>
          <Descriptions.Item label={t('review.panel.sheets')}>
            {t('review.result.sheets', { count: r.sheets })}
          </Descriptions.Item>
        </Descriptions>
      )}
      {r.notice ? (
        <Alert
          style={{ marginTop: 8 }}
          showIcon
          type={r.notice.excluded ? 'error' : r.notice.listed ? 'info' : 'warning'}
          message={
            r.notice.excluded
              ? t('review.result.excluded')
              : r.notice.listed
                ? t('review.result.listed', { endsAt: formatDateTime(r.notice.endsAt, locale) })
                : t('review.result.notListed')
          }
        />
      ) : null}
    </section>
  );
}
