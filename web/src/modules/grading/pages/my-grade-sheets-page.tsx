import { App, Button, Card, Collapse, Flex, Input, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../ui/empty-state.tsx';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import { PageLoading } from '../../../ui/page-loading.tsx';
import { ScoreSheet } from '../components/score-sheet.tsx';
import type { GradeSheet } from '../grading.types.ts';
import { useMyGradeSheets, useSaveSheet } from '../hooks/use-grading.ts';

/** An evaluator's own score sheets: only the evaluations assigned to it. */
export function MyGradeSheetsPage() {
  const { t } = useTranslation();
  const sheets = useMyGradeSheets();
  if (sheets.error) return <ErrorAlert error={sheets.error} onRetry={() => void sheets.refetch()} />;
  if (!sheets.data) return <PageLoading />;
  return (
    <>
      <PageHeader title={t('grading.sheets.title')} subtitle={t('grading.sheets.subtitle')} />
      {sheets.data.length === 0 ? (
        <EmptyState description={t('grading.sheets.empty')} />
      ) : (
        <Collapse
          data-testid="grade-sheets"
          items={sheets.data.map((s) => ({
            key: s.id,
            label: (
              <Flex wrap gap={8} align="center">
                <Typography.Text strong>{s.organizationName}</Typography.Text>
                <Typography.Text type="secondary">{s.roundTitle}</Typography.Text>
                {s.submittedAt ? <Tag color="geekblue">{t('grading.sheets.submitted')}</Tag> : null}
              </Flex>
            ),
            children: <SheetForm sheet={s} />,
          }))}
        />
      )}
    </>
  );
}

function SheetForm({ sheet: s }: { sheet: GradeSheet }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const save = useSaveSheet();
  const [scores, setScores] = useState<Record<string, number>>(s.scores);
  const [opinion, setOpinion] = useState(s.opinion ?? '');
  const send = (submit: boolean) =>
    save.mutate(
      { id: s.id, submit, version: s.version, scores, opinion: opinion.trim() || null },
      {
        onSuccess: () =>
          void message.success(submit ? t('grading.sheets.submitted') : t('grading.evaluation.saved')),
        onError: (error) => void message.error(messageOf(error)),
      },
    );
  return (
    <Card size="small" data-testid={`sheet-${s.id}`}>
      <Flex vertical gap={12}>
        <ScoreSheet
          template={s.template}
          scores={scores}
          onChange={setScores}
          readOnly={!s.editable}
          testId="grade-sheet"
        />
        <Input.TextArea
          rows={2}
          maxLength={2000}
          disabled={!s.editable}
          aria-label={t('grading.sheets.opinion')}
          placeholder={t('grading.sheets.opinion')}
          value={opinion}
          onChange={(e) => setOpinion(e.target.value)}
        />
        {s.editable ? (
          <Flex gap={8}>
            <Button data-testid="btn-sheet-save" loading={save.isPending} onClick={() => send(false)}>
              {t('grading.sheets.save')}
            </Button>
            <Button
              type="primary"
              data-testid="btn-sheet-submit"
              loading={save.isPending}
              onClick={() => send(true)}
            >
              {t('grading.sheets.submit')}
            </Button>
          </Flex>
        ) : null}
      </Flex>
    </Card>
  );
}
