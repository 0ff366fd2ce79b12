import { DeleteOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import {
  beijingToday,
  EVALUATION_KIND_NAMES,
  EVALUATION_RESULT_NAMES,
  satisfactionRate,
} from '@linli/common';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Space,
  Typography,
  Upload,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useLocale } from '../../../i18n/index.ts';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import { PageLoading } from '../../../ui/page-loading.tsx';
import { FeedbackTally } from '../components/feedback-tally.tsx';
import { useContract, useSubmitEvaluation, useUploadContractPhoto } from '../hooks/use-contracts.ts';

interface Values {
  indicators: Array<{ name: string; maxScore: number; score: number }>;
  visitedOn: Dayjs;
  visitPlace: string;
  visitNotes?: string;
  sampleAsked: number;
  sampleSatisfied: number;
  findings: string;
  result: 'pass' | 'fail';
  rectifications?: Array<{ item: string; due: Dayjs }>;
}

/**
 * The assigned evaluator's form (事中评价 / 事后评估): indicator sheet, site visit with photos,
 * residents' satisfaction sample, findings and the result; a failed one lists rectifications.
 */
export function EvaluationFormPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const contract = useContract(id);
  const submit = useSubmitEvaluation(id);
  const upload = useUploadContractPhoto(id);
  const [photos, setPhotos] = useState<Array<{ id: string; filename: string }>>([]);
  const [form] = Form.useForm<Values>();
  const indicators = Form.useWatch('indicators', form) ?? [];
  const asked = Form.useWatch('sampleAsked', form) ?? 0;
  const satisfied = Form.useWatch('sampleSatisfied', form) ?? 0;
  const result = Form.useWatch('result', form);
  if (contract.error) return <ErrorAlert error={contract.error} onRetry={() => void contract.refetch()} />;
  const c = contract.data;
  if (!c) return <PageLoading />;
  const kind = c.abilities.evaluate;
  const back = (
    <Breadcrumb
      items={[
        { title: <Link to="/contracts">{t('contracts.title')}</Link> },
        { title: <Link to={`/contracts/${c.id}`}>{c.title}</Link> },
      ]}
    />
  );
  if (!kind)
    return (
      <>
        <PageHeader breadcrumb={back} title={c.title} />
        <Alert type="info" showIcon message={t('contracts.evaluation.notDue')} />
      </>
    );
  const score = indicators.reduce((s, i) => s + (i?.score ?? 0), 0);
  const max = indicators.reduce((s, i) => s + (i?.maxScore ?? 0), 0);

  const save = async (v: Values) => {
    try {
      await submit.mutateAsync({
        version: c.version,
        kind,
        indicators: v.indicators,
        visitedOn: v.visitedOn.format('YYYY-MM-DD'),
        visitPlace: v.visitPlace,
        visitNotes: v.visitNotes ?? '',
        sampleAsked: v.sampleAsked,
        sampleSatisfied: v.sampleSatisfied,
        findings: v.findings,
        result: v.result,
        rectifications:
          v.result === 'fail'
            ? (v.rectifications ?? []).map((r) => ({ item: r.item, dueOn: r.due.format('YYYY-MM-DD') }))
            : [],
        photoIds: photos.map((p) => p.id),
      });
      void message.success(t('contracts.evaluation.submitted'));
      void navigate(`/contracts/${c.id}`);
    } catch (error) {
      void message.error(messageOf(error));
    }
  };

  const today = dayjs(beijingToday());
  const d = (key: 'completion' | 'quality' | 'funds' | 'records') =>
    t(`contracts.evaluation.defaults.${key}`);
  return (
    <>
      <PageHeader
        breadcrumb={back}
        title={t('contracts.evaluation.title', {
          kind: EVALUATION_KIND_NAMES[locale][kind],
          project: c.title,
        })}
        subtitle={c.organizationName}
      />
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="evaluation-form"
        onFinish={(v) => void save(v)}
        initialValues={{
          indicators: [
            { name: d('completion'), maxScore: 40, score: 0 },
            { name: d('quality'), maxScore: 30, score: 0 },
            { name: d('funds'), maxScore: 20, score: 0 },
            { name: d('records'), maxScore: 10, score: 0 },
          ],
          visitedOn: today,
          rectifications: [{ item: '', due: today.add(15, 'day') }],
        }}
      >
        <Flex vertical gap={16}>
          <Card
            size="small"
            title={t('contracts.evaluation.indicators')}
            extra={t('contracts.evaluation.total', { score, max })}
          >
            <Form.List name="indicators">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f, i) => (
                    <Flex key={f.key} gap={8} align="start" wrap>
                      <Form.Item
                        name={[f.name, 'name']}
                        style={{ flex: '2 1 200px' }}
                        rules={[
                          { required: true, whitespace: true, message: t('contracts.evaluation.required') },
                        ]}
                      >
                        <Input
                          aria-label={`${t('contracts.evaluation.indicator')} ${i + 1}`}
                          maxLength={100}
                        />
                      </Form.Item>
                      <Form.Item
                        name={[f.name, 'maxScore']}
                        style={{ flex: '1 1 90px' }}
                        rules={[{ required: true, message: t('contracts.evaluation.required') }]}
                      >
                        <InputNumber
                          min={1}
                          max={1000}
                          style={{ width: '100%' }}
                          prefix={t('contracts.evaluation.maxScore')}
                          aria-label={`${t('contracts.evaluation.maxScore')} ${i + 1}`}
                        />
                      </Form.Item>
                      <Form.Item
                        name={[f.name, 'score']}
                        style={{ flex: '1 1 90px' }}
                        rules={[{ required: true, message: t('contracts.evaluation.required') }]}
                      >
                        <InputNumber
                          min={0}
                          max={1000}
                          style={{ width: '100%' }}
                          prefix={t('contracts.evaluation.score')}
                          aria-label={`${t('contracts.evaluation.score')} ${i + 1}`}
                          data-testid={`indicator-score-${i}`}
                        />
                      </Form.Item>
                      <Button
                        icon={<DeleteOutlined aria-hidden />}
                        aria-label={t('contracts.form.remove')}
                        disabled={fields.length === 1}
                        onClick={() => remove(f.name)}
                      />
                    </Flex>
                  ))}
                  <Button
                    icon={<PlusOutlined aria-hidden />}
                    onClick={() => add({ name: '', maxScore: 10, score: 0 })}
                  >
                    {t('contracts.evaluation.addIndicator')}
                  </Button>
                </>
              )}
            </Form.List>
          </Card>
          <Card size="small" title={t('contracts.evaluation.visit')}>
            <Flex gap={8} wrap>
              <Form.Item
                name="visitedOn"
                label={t('contracts.evaluation.visitedOn')}
                rules={[{ required: true, message: t('contracts.evaluation.required') }]}
              >
                <DatePicker />
              </Form.Item>
              <Form.Item
                name="visitPlace"
                label={t('contracts.evaluation.visitPlace')}
                style={{ flex: '1 1 240px' }}
                rules={[
                  { required: true, whitespace: true, message: t('contracts.evaluation.visitPlaceRequired') },
                ]}
              >
                <Input maxLength={200} />
              </Form.Item>
            </Flex>
            <Form.Item name="visitNotes" label={t('contracts.evaluation.visitNotes')}>
              <Input.TextArea rows={3} maxLength={4000} />
            </Form.Item>
            <Typography.Text strong>{t('contracts.evaluation.photos')}</Typography.Text>
            <div style={{ marginTop: 8 }}>
              <Upload
                accept="image/png,image/jpeg"
                showUploadList={false}
                customRequest={({ file, onSuccess, onError }) => {
                  upload.mutate(file as File, {
                    onSuccess: (photo) => {
                      setPhotos((p) => [...p, { id: photo.id, filename: photo.filename }]);
                      void message.success(t('contracts.evaluation.uploaded', { name: photo.filename }));
                      onSuccess?.(photo);
                    },
                    onError: (error) => {
                      void message.error(messageOf(error));
                      onError?.(error as Error);
                    },
                  });
                }}
              >
                <Button icon={<UploadOutlined aria-hidden />} loading={upload.isPending}>
                  {t('contracts.evaluation.upload')}
                </Button>
              </Upload>
              <Space wrap style={{ marginTop: 8 }}>
                {photos.map((p) => (
                  <Typography.Text key={p.id}>{p.filename}</Typography.Text>
                ))}
              </Space>
            </div>
          </Card>
          <Card
            size="small"
            title={t('contracts.evaluation.sample')}
            extra={t('contracts.evaluation.rate', { rate: satisfactionRate(asked, satisfied) })}
          >
            <Flex gap={8} wrap>
              <Form.Item
                name="sampleAsked"
                label={t('contracts.evaluation.asked')}
                rules={[{ required: true, message: t('contracts.evaluation.required') }]}
              >
                <InputNumber min={1} max={100000} precision={0} />
              </Form.Item>
              <Form.Item
                name="sampleSatisfied"
                label={t('contracts.evaluation.satisfied')}
                rules={[{ required: true, message: t('contracts.evaluation.required') }]}
              >
                <InputNumber min={0} max={100000} precision={0} />
              </Form.Item>
            </Flex>
            <FeedbackTally
              contractId={c.id}
              onUse={(sample) =>
                form.setFieldsValue({ sampleAsked: sample.asked, sampleSatisfied: sample.satisfied })
              }
            />
          </Card>
          <Card size="small">
            <Form.Item
              name="findings"
              label={t('contracts.evaluation.findings')}
              rules={[
                { required: true, whitespace: true, message: t('contracts.evaluation.findingsRequired') },
              ]}
            >
              <Input.TextArea rows={4} maxLength={4000} />
            </Form.Item>
            <Form.Item
              name="result"
              label={t('contracts.evaluation.result')}
              rules={[{ required: true, message: t('contracts.evaluation.resultRequired') }]}
            >
              <Radio.Group
                data-testid="evaluation-result"
                options={(['pass', 'fail'] as const).map((r) => ({
                  value: r,
                  label: EVALUATION_RESULT_NAMES[locale][r],
                }))}
              />
            </Form.Item>
            {result === 'fail' ? (
              <>
                <Typography.Text strong>{t('contracts.evaluation.rectifications')}</Typography.Text>
                <Form.List name="rectifications">
                  {(fields, { add, remove }) => (
                    <>
                      {fields.map((f, i) => (
                        <Flex key={f.key} gap={8} align="start" wrap>
                          <Form.Item
                            name={[f.name, 'item']}
                            style={{ flex: '2 1 240px' }}
                            rules={[
                              {
                                required: true,
                                whitespace: true,
                                message: t('contracts.evaluation.required'),
                              },
                            ]}
                          >
                            <Input
                              placeholder={t('contracts.evaluation.rectificationItem')}
                              aria-label={`${t('contracts.evaluation.rectificationItem')} ${i + 1}`}
                              maxLength={500}
                            />
                          </Form.Item>
                          <Form.Item
                            name={[f.name, 'due']}
                            rules={[{ required: true, message: t('contracts.evaluation.required') }]}
                          >
                            <DatePicker
                              aria-label={`${t('contracts.evaluation.rectificationDue')} ${i + 1}`}
                            />
                          </Form.Item>
                          <Button
                            icon={<DeleteOutlined aria-hidden />}
                            aria-label={t('contracts.form.remove')}
                            disabled={fields.length === 1}
                            onClick={() => remove(f.name)}
                          />
                        </Flex>
                      ))}
                      <Button
                        icon={<PlusOutlined aria-hidden />}
                        onClick={() => add({ item: '', due: today.add(15, 'day') })}
                      >
                        {t('contracts.evaluation.addRectification')}
                      </Button>
                    </>
                  )}
                </Form.List>
              </>
            ) : null}
          </Card>
          <Flex gap={8}>
            <Button
              type="primary"
              htmlType="submit"
              loading={submit.isPending}
              data-testid="btn-evaluation-submit"
            >
              {t('contracts.evaluation.submit')}
            </Button>
            <Button onClick={() => void navigate(`/contracts/${c.id}`)}>
              {t('contracts.evaluation.back')}
            </Button>
          </Flex>
        </Flex>
      </Form>
    </>
  );
}
