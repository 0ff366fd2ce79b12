import { PlusOutlined } from '@ant-design/icons';
import { FAIR_MATCH_ORIGIN_NAMES, formatYuan } from '@linli/common';
import {
  App,
  Breadcrumb,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useLocale } from '../../../i18n/index.ts';
import { EmptyState } from '../../../ui/empty-state.tsx';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import { PageLoading } from '../../../ui/page-loading.tsx';
import { usePermissions } from '../../auth/hooks/use-auth.ts';
import { Yuan } from '../../funding/components/money.tsx';
import { useContractEvaluators } from '../../funding/hooks/use-contracts.ts';
import { useFunds } from '../../funding/hooks/use-funding.ts';
import { FairStateTag, MatchStateTag } from '../components/fair-tags.tsx';
import {
  type Fair,
  type FairExhibit,
  type FairMatch,
  type FairOffer,
  useCreateExhibit,
  useCreateOffer,
  useExhibits,
  useFair,
  useFairCategories,
  useFairTransition,
  useMatches,
  useMatchTransition,
  useOffers,
  useRequestMatch,
  useSignMatch,
  useSuggestions,
} from '../hooks/use-fair.ts';

const PAGE_SIZE = 20;
type Target = { kind: 'offer' | 'exhibit'; id: string; title: string };

/**
 * One edition: its offers and exhibits (a catalogue for everyone signed in), the matches the
 * caller takes part in, suggestions by category and area, and the district's signing.
 */
export function FairPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const { can } = usePermissions();
  const fair = useFair(id);
  const step = useFairTransition(id);
  const [target, setTarget] = useState<Target | null>(null);
  if (fair.error) return <ErrorAlert error={fair.error} onRetry={() => void fair.refetch()} />;
  if (!fair.data) return <PageLoading />;
  const f = fair.data;
  const act = (action: 'open' | 'close') =>
    step.mutate(
      { action, version: f.version },
      {
        onSuccess: () => void message.success(t(action === 'open' ? 'fair.fair.opened' : 'fair.fair.closed')),
        onError: (error) => void message.error(messageOf(error)),
      },
    );
  return (
    <>
      <PageHeader
        breadcrumb={
          <Breadcrumb
            items={[{ title: <Link to="/fairs">{t('fair.fair.back')}</Link> }, { title: f.name }]}
          />
        }
        title={
          <Space wrap>
            {f.name}
            <FairStateTag state={f.state} />
          </Space>
        }
        subtitle={`${f.heldOn} · ${f.venue}`}
        extra={
          <>
            {f.abilities.open ? (
              <Button type="primary" loading={step.isPending} onClick={() => act('open')}>
                {t('fair.fair.open')}
              </Button>
            ) : null}
            {f.abilities.close ? (
              <Button loading={step.isPending} onClick={() => act('close')}>
                {t('fair.fair.close')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card size="small">
        <Tabs
          items={[
            {
              key: 'offers',
              label: `${t('fair.fair.tabs.offers')} (${f.offers})`,
              children: <Offers fair={f} onSuggest={setTarget} />,
            },
            {
              key: 'exhibits',
              label: `${t('fair.fair.tabs.exhibits')} (${f.exhibits})`,
              children: <Exhibits fair={f} onSuggest={setTarget} />,
            },
            ...(can('fair:match')
              ? [{ key: 'matches', label: t('fair.fair.tabs.matches'), children: <Matches fairId={f.id} /> }]
              : []),
          ]}
        />
      </Card>
      {target ? (
        <Suggestions target={target} open={f.state === 'open'} onClose={() => setTarget(null)} />
      ) : null}
    </>
  );
}

function Offers({ fair, onSuggest }: { fair: Fair; onSuggest: (t: Target) => void }) {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const [page, setPage] = useState(1);
  const [publishing, setPublishing] = useState(false);
  const list = useOffers(fair.id, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const columns: TableColumnsType<FairOffer> = [
    { key: 'title', title: t('fair.fair.offerTitle'), dataIndex: 'title' },
    { key: 'category', title: t('fair.fair.category'), dataIndex: 'categoryName' },
    { key: 'area', title: t('fair.fair.area'), dataIndex: 'divisionName', responsive: ['md'] },
    { key: 'publisher', title: t('fair.fair.publisher'), dataIndex: 'publisher', responsive: ['lg'] },
    {
      key: 'budget',
      title: t('fair.fair.budget'),
      align: 'right',
      render: (_, o) => <Yuan fen={o.budgetFen} />,
    },
    {
      key: 'actions',
      title: '',
      render: (_, o) =>
        o.mine || can('fair:manage') ? (
          <Button size="small" onClick={() => onSuggest({ kind: 'offer', id: o.id, title: o.title })}>
            {t('fair.fair.suggest')}
          </Button>
        ) : null,
    },
  ];
  return (
    <>
      {fair.abilities.offer ? (
        <Flex justify="end" style={{ marginBottom: 8 }}>
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setPublishing(true)}>
            {t('fair.fair.publish')}
          </Button>
        </Flex>
      ) : null}
      {list.error ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<FairOffer>
          data-testid="fair-offers"
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          locale={{ emptyText: <EmptyState description={t('fair.fair.emptyOffers')} /> }}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            size: 'small',
            onChange: setPage,
          }}
        />
      )}
      {publishing ? <OfferForm fairId={fair.id} onClose={() => setPublishing(false)} /> : null}
    </>
  );
}

function useCategoryOptions() {
  const locale = useLocale();
  const categories = useFairCategories();
  return (categories.data ?? []).map((c) => ({
    value: c.code,
    label: locale === 'zh-CN' ? c.name : c.nameEn,
  }));
}

/** This year's and last year's funds to pay from (for those who see funds). */
function FundSelect(props: { value?: string; onChange?: (v: string) => void }) {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const funds = useFunds({ limit: 100, offset: 0 }, can('fund:read'));
  return (
    <Select
      {...props}
      allowClear
      showSearch
      optionFilterProp="label"
      aria-label={t('fair.fair.fund')}
      loading={funds.isFetching}
      options={(funds.data?.items ?? []).map((f) => ({
        value: f.id,
        label: `${f.name}（¥${formatYuan(f.remainingFen)}）`,
      }))}
    />
  );
}

function OfferForm({ fairId, onClose }: { fairId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const { can } = usePermissions();
  const create = useCreateOffer(fairId);
  const options = useCategoryOptions();
  const [form] = Form.useForm();
  const required = [{ required: true, message: t('fair.list.required') }];
  return (
    <Modal
      open
      title={t('fair.fair.publish')}
      onCancel={onClose}
      okButtonProps={{ loading: create.isPending }}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v: {
          title: string;
          categoryCode: string;
          divisionCode: string;
          publisher: string;
          budget: number;
          fundId?: string;
          description: string;
        }) =>
          create.mutate(
            {
              title: v.title.trim(),
              categoryCode: v.categoryCode,
              divisionCode: v.divisionCode.trim(),
              publisher: v.publisher.trim(),
              budgetFen: Math.round(v.budget * 100),
              fundId: v.fundId?.trim() || null,
              description: v.description.trim(),
            },
            {
              onSuccess: () => {
                void message.success(t('fair.fair.published'));
                onClose();
              },
              onError: (error) => void message.error(messageOf(error)),
            },
          )
        }
      >
        <Form.Item name="title" label={t('fair.fair.offerTitle')} rules={required}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="categoryCode" label={t('fair.fair.category')} rules={required}>
          <Select
            showSearch
            optionFilterProp="label"
            options={options}
            aria-label={t('fair.fair.category')}
          />
        </Form.Item>
        <Form.Item name="divisionCode" label={t('fair.fair.areaCode')} rules={required}>
          <Input maxLength={12} inputMode="numeric" />
        </Form.Item>
        <Form.Item name="publisher" label={t('fair.fair.publisher')} rules={required}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="budget" label={t('fair.fair.budget')} rules={required}>
          <InputNumber<number> min={0.01} precision={2} style={{ width: '100%' }} />
        </Form.Item>
        {can('fund:read') ? (
          <Form.Item name="fundId" label={t('fair.fair.fund')}>
            <FundSelect />
          </Form.Item>
        ) : null}
        <Form.Item name="description" label={t('fair.fair.descriptionField')} rules={required}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Exhibits({ fair, onSuggest }: { fair: Fair; onSuggest: (t: Target) => void }) {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const [page, setPage] = useState(1);
  const [mine, setMine] = useState(false);
  const [adding, setAdding] = useState(false);
  const list = useExhibits(fair.id, {
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
    ...(mine ? { mine } : {}),
  });
  const columns: TableColumnsType<FairExhibit> = [
    { key: 'title', title: t('fair.fair.exhibitTitle'), dataIndex: 'title' },
    {
      key: 'org',
      title: t('fair.fair.organization'),
      render: (_, e) => (
        <Space wrap>
          {e.organizationName}
          {e.fromOutside ? <Tag>{t('fair.fair.outside')}</Tag> : null}
        </Space>
      ),
    },
    { key: 'category', title: t('fair.fair.category'), dataIndex: 'categoryName' },
    {
      key: 'areas',
      title: t('fair.fair.area'),
      responsive: ['md'],
      render: (_, e) => e.areaNames.join('、'),
    },
    {
      key: 'actions',
      title: '',
      render: (_, e) =>
        e.mine || can('fair:manage') ? (
          <Button size="small" onClick={() => onSuggest({ kind: 'exhibit', id: e.id, title: e.title })}>
            {t('fair.fair.suggest')}
          </Button>
        ) : null,
    },
  ];
  return (
    <>
      <Flex justify="space-between" wrap gap={8} style={{ marginBottom: 8 }}>
        {can('fair:exhibit') ? (
          <Checkbox checked={mine} onChange={(e) => setMine(e.target.checked)}>
            {t('fair.fair.mine')}
          </Checkbox>
        ) : (
          <span />
        )}
        {fair.abilities.exhibit ? (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)}>
            {t('fair.fair.exhibit')}
          </Button>
        ) : null}
      </Flex>
      {list.error ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<FairExhibit>
          data-testid="fair-exhibits"
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          locale={{ emptyText: <EmptyState description={t('fair.fair.emptyExhibits')} /> }}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            size: 'small',
            onChange: setPage,
          }}
        />
      )}
      {adding ? <ExhibitForm fairId={fair.id} onClose={() => setAdding(false)} /> : null}
    </>
  );
}

function ExhibitForm({ fairId, onClose }: { fairId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const { can } = usePermissions();
  const create = useCreateExhibit(fairId);
  const options = useCategoryOptions();
  const [form] = Form.useForm();
  const required = [{ required: true, message: t('fair.list.required') }];
  return (
    <Modal
      open
      title={t('fair.fair.exhibit')}
      onCancel={onClose}
      okButtonProps={{ loading: create.isPending }}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v: {
          organizationId?: string;
          title: string;
          categoryCode: string;
          areas: string;
          description: string;
        }) =>
          create.mutate(
            {
              ...(v.organizationId?.trim() ? { organizationId: v.organizationId.trim() } : {}),
              title: v.title.trim(),
              categoryCode: v.categoryCode,
              areas: v.areas.split(/[\s,，、]+/).filter(Boolean),
              description: v.description.trim(),
            },
            {
              onSuccess: () => {
                void message.success(t('fair.fair.exhibited'));
                onClose();
              },
              onError: (error) => void message.error(messageOf(error)),
            },
          )
        }
      >
        {can('fair:manage') ? (
          <Form.Item name="organizationId" label={t('fair.fair.organizationId')} rules={required}>
            <Input maxLength={64} />
          </Form.Item>
        ) : null}
        <Form.Item name="title" label={t('fair.fair.exhibitTitle')} rules={required}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="categoryCode" label={t('fair.fair.category')} rules={required}>
          <Select
            showSearch
            optionFilterProp="label"
            options={options}
            aria-label={t('fair.fair.category')}
          />
        </Form.Item>
        <Form.Item name="areas" label={t('fair.fair.areas')} rules={required}>
          <Input maxLength={260} />
        </Form.Item>
        <Form.Item name="description" label={t('fair.fair.descriptionField')} rules={required}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Suggestions({ target, open, onClose }: { target: Target; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const list = useSuggestions({ kind: target.kind, id: target.id });
  const request = useRequestMatch();
  return (
    <Drawer open title={`${t('fair.fair.suggestTitle')}：${target.title}`} onClose={onClose} width={560}>
      {list.error ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <List
          data-testid="fair-suggestions"
          loading={list.isFetching}
          dataSource={list.data ?? []}
          locale={{ emptyText: <EmptyState description={t('fair.fair.noSuggestions')} /> }}
          renderItem={(s) => (
            <List.Item
              actions={[
                s.matchId ? (
                  <Tag key="m">{t('fair.fair.matched')}</Tag>
                ) : open ? (
                  <Button
                    key="r"
                    size="small"
                    type="primary"
                    loading={request.isPending}
                    onClick={() =>
                      request.mutate(
                        { offerId: s.offerId, exhibitId: s.exhibitId },
                        {
                          onSuccess: () => void message.success(t('fair.fair.requested')),
                          onError: (error) => void message.error(messageOf(error)),
                        },
                      )
                    }
                  >
                    {t('fair.fair.request')}
                  </Button>
                ) : null,
              ]}
            >
              <List.Item.Meta
                title={target.kind === 'offer' ? s.exhibitTitle : s.offerTitle}
                description={`${s.organizationName} · ${s.categoryName} · ${s.divisionName} · ${t('fair.fair.score')} ${s.score}`}
              />
            </List.Item>
          )}
        />
      )}
    </Drawer>
  );
}

function Matches({ fairId }: { fairId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const [signing, setSigning] = useState<FairMatch | null>(null);
  const list = useMatches({ fairId, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const step = useMatchTransition();
  const act = (m: FairMatch, action: 'accept' | 'decline') =>
    step.mutate(
      { id: m.id, action, version: m.version },
      {
        onSuccess: () =>
          void message.success(t(action === 'accept' ? 'fair.match.accepted' : 'fair.match.declined')),
        onError: (error) => void message.error(messageOf(error)),
      },
    );
  const columns: TableColumnsType<FairMatch> = [
    { key: 'offer', title: t('fair.match.offer'), render: (_, m) => `${m.offerTitle}（${m.divisionName}）` },
    {
      key: 'exhibit',
      title: t('fair.match.exhibit'),
      render: (_, m) => `${m.exhibitTitle} · ${m.organizationName}`,
    },
    {
      key: 'origin',
      title: t('fair.match.origin'),
      responsive: ['lg'],
      render: (_, m) => FAIR_MATCH_ORIGIN_NAMES[locale][m.origin],
    },
    { key: 'score', title: t('fair.fair.score'), dataIndex: 'score', align: 'right', responsive: ['md'] },
    { key: 'state', title: t('fair.match.state'), render: (_, m) => <MatchStateTag state={m.state} /> },
    {
      key: 'amount',
      title: t('fair.match.amount'),
      align: 'right',
      render: (_, m) => <Yuan fen={m.amountFen} />,
    },
    {
      key: 'actions',
      title: '',
      render: (_, m) => (
        <Space wrap>
          {m.abilities.accept ? (
            <Button size="small" type="primary" onClick={() => act(m, 'accept')}>
              {t('fair.match.accept')}
            </Button>
          ) : null}
          {m.abilities.sign ? (
            <Button size="small" type="primary" onClick={() => setSigning(m)}>
              {t('fair.match.sign')}
            </Button>
          ) : null}
          {m.abilities.decline ? (
            <Button size="small" onClick={() => act(m, 'decline')}>
              {t('fair.match.decline')}
            </Button>
          ) : null}
          {m.contractId ? (
            <Button size="small" type="link" onClick={() => void navigate(`/contracts/${m.contractId}`)}>
              {t('fair.match.contract')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];
  return (
    <>
      {list.error ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<FairMatch>
          data-testid="fair-matches"
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          locale={{ emptyText: <EmptyState description={t('fair.fair.emptyMatches')} /> }}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            size: 'small',
            onChange: setPage,
          }}
        />
      )}
      {signing ? <SignForm match={signing} onClose={() => setSigning(null)} /> : null}
    </>
  );
}

function SignForm({ match, onClose }: { match: FairMatch; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const navigate = useNavigate();
  const sign = useSignMatch();
  const evaluators = useContractEvaluators(true);
  const [form] = Form.useForm();
  const required = [{ required: true, message: t('fair.list.required') }];
  type Day = { format: (f: string) => string };
  return (
    <Modal
      open
      title={t('fair.match.signTitle', { title: match.exhibitTitle })}
      onCancel={onClose}
      okText={t('fair.match.sign')}
      okButtonProps={{ loading: sign.isPending }}
      onOk={() => form.submit()}
    >
      <Typography.Paragraph type="secondary">{t('fair.match.signHint')}</Typography.Paragraph>
      <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('fair.match.offer')}>{match.offerTitle}</Descriptions.Item>
        <Descriptions.Item label={t('fair.fair.budget')}>
          ¥{formatYuan(match.offerBudgetFen)}
        </Descriptions.Item>
      </Descriptions>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ amount: match.offerBudgetFen / 100 }}
        onFinish={(v: {
          amount: number;
          fundId?: string;
          startsOn: Day;
          endsOn: Day;
          deliverables: string;
          evaluatorAccountId: string;
        }) =>
          sign.mutate(
            {
              id: match.id,
              version: match.version,
              amountFen: Math.round(v.amount * 100),
              ...(v.fundId?.trim() ? { fundId: v.fundId.trim() } : {}),
              startsOn: v.startsOn.format('YYYY-MM-DD'),
              endsOn: v.endsOn.format('YYYY-MM-DD'),
              deliverables: v.deliverables.trim(),
              evaluatorAccountId: v.evaluatorAccountId,
            },
            {
              onSuccess: (signed) => {
                void message.success(t('fair.match.signed'));
                onClose();
                if (signed.contractId) void navigate(`/contracts/${signed.contractId}`);
              },
              onError: (error) => void message.error(messageOf(error)),
            },
          )
        }
      >
        <Form.Item name="amount" label={t('fair.match.amountYuan')} rules={required}>
          <InputNumber<number> min={0.01} precision={2} style={{ width: '100%' }} />
        </Form.Item>
        {match.offerFundId ? null : (
          <Form.Item name="fundId" label={t('fair.match.fundId')} rules={required}>
            <FundSelect />
          </Form.Item>
        )}
        <Flex gap={8}>
          <Form.Item name="startsOn" label={t('fair.match.startsOn')} rules={required} style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="endsOn" label={t('fair.match.endsOn')} rules={required} style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Form.Item name="deliverables" label={t('fair.match.deliverables')} rules={required}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item name="evaluatorAccountId" label={t('fair.match.evaluator')} rules={required}>
          <Select
            aria-label={t('fair.match.evaluator')}
            loading={evaluators.isFetching}
            options={(evaluators.data ?? []).map((e) => ({ value: e.id, label: e.name }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
