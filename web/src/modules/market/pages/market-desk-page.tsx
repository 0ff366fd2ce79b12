import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  beijingToday,
  DONOR_KIND_NAMES,
  DONOR_KINDS,
  formatPoints,
  MARKET_ITEM_KIND_NAMES,
  MARKET_ITEM_KINDS,
  pickLocale,
  STOCK_MOVEMENT_KIND_NAMES,
} from '@linli/common';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Statistic,
  Switch,
  Table,
  Tabs,
  Tag,
} from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { formatDateTime } from '../../../ui/format.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import { usePermissions } from '../../auth/hooks/use-auth.ts';
import {
  type Customer,
  downloadReport,
  downloadRollup,
  type Market,
  type MarketItem,
  type Redemption,
  useAdjustStock,
  useCancelReservation,
  useCreateItem,
  useDonations,
  useIdentifyCustomer,
  useMarketItems,
  useMarketRedemptions,
  useMarkets,
  useMovements,
  usePickUp,
  useRecordDonation,
  useRedeem,
  useReport,
  useRollup,
  useUpdateItem,
} from '../hooks/use-market.ts';

/** The last full month in Beijing time (reports are read after the month closes). */
function lastMonth(): string {
  return dayjs(beijingToday()).subtract(1, 'month').format('YYYY-MM');
}

/** 爱心超市 at the desk: the operator's counter, catalogue and stock, donations, monthly report; staff read. */
export function MarketDeskPage() {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const markets = useMarkets();
  const [chosen, setChosen] = useState<string>();
  const list = markets.data?.items ?? [];
  const market = list.find((m) => m.id === chosen) ?? list[0];
  const operate = can('market:operate');
  return (
    <>
      <PageHeader
        title={t('market.desk.title')}
        subtitle={t('market.desk.subtitle')}
        extra={
          list.length > 1 ? (
            <Select
              aria-label={t('market.desk.market')}
              style={{ minWidth: 240 }}
              showSearch
              optionFilterProp="label"
              value={market?.id}
              onChange={setChosen}
              options={list.map((m) => ({ value: m.id, label: `${m.divisionName} · ${m.name}` }))}
            />
          ) : null
        }
      />
      {markets.error ? (
        <ErrorAlert error={markets.error} onRetry={() => void markets.refetch()} />
      ) : !markets.data ? null : !market ? (
        <Empty description={t('market.desk.noMarket')} />
      ) : (
        <Tabs
          destroyOnHidden
          items={[
            ...(operate
              ? [
                  {
                    key: 'counter',
                    label: t('market.desk.tabs.counter'),
                    children: <Counter market={market} />,
                  },
                ]
              : []),
            {
              key: 'stock',
              label: t('market.desk.tabs.stock'),
              children: <Stock market={market} operate={operate} />,
            },
            {
              key: 'donations',
              label: t('market.desk.tabs.donations'),
              children: <Donations market={market} operate={operate} />,
            },
            { key: 'report', label: t('market.desk.tabs.report'), children: <Report market={market} /> },
            ...(list.length > 1 || (markets.data?.total ?? 0) > 1
              ? [{ key: 'rollup', label: t('market.desk.tabs.rollup'), children: <RollupView /> }]
              : []),
          ]}
        />
      )}
    </>
  );
}

// ------------------------------------------------------------ the counter

function Counter({ market }: { market: Market }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const identify = useIdentifyCustomer();
  const redeem = useRedeem();
  const items = useMarketItems(market.id);
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [quantities, setQuantities] = useState<Record<string, number>>({});
  // The cart's request key: a retried click posts once; the next cart gets a new key.
  const [cartKey, setCartKey] = useState(() => crypto.randomUUID());
  const [done, setDone] = useState<Redemption | null>(null);
  const active = (items.data ?? []).filter((i) => i.active);
  const lines = Object.entries(quantities)
    .filter(([, q]) => q > 0)
    .map(([itemId, quantity]) => ({ itemId, quantity }));
  const total = lines.reduce(
    (s, l) => s + (active.find((i) => i.id === l.itemId)?.pricePoints ?? 0) * l.quantity,
    0,
  );

  const find = (input: { phone?: string; code?: string }) =>
    identify.mutate(
      { marketId: market.id, ...input },
      {
        onSuccess: (c) => {
          setCustomer(c);
          setDone(null);
          setQuantities({});
          setCartKey(crypto.randomUUID());
        },
        onError: (e) => void message.error(errorMessage(e)),
      },
    );

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={14}>
        <Card title={t('market.counter.findTitle')}>
          <Space direction="vertical" style={{ width: '100%' }}>
            <Space.Compact style={{ width: '100%' }}>
              <Input
                aria-label={t('market.counter.phone')}
                placeholder={t('market.counter.phonePlaceholder')}
                inputMode="tel"
                maxLength={11}
                value={phone}
                onChange={(e) => setPhone(e.target.value)}
                onPressEnter={() => find({ phone })}
              />
              <Button loading={identify.isPending} onClick={() => find({ phone })}>
                {t('market.counter.find')}
              </Button>
            </Space.Compact>
            <Space.Compact style={{ width: '100%' }}>
              <Input
                aria-label={t('market.counter.code')}
                placeholder={t('market.counter.codePlaceholder')}
                value={code}
                onChange={(e) => setCode(e.target.value)}
                onPressEnter={() => {
                  find({ code });
                  setCode('');
                }}
              />
              <Button onClick={() => find({ code })}>{t('market.counter.scan')}</Button>
            </Space.Compact>
          </Space>
          {done ? (
            <Alert
              style={{ marginTop: 16 }}
              type="success"
              showIcon
              data-testid="redeemed"
              message={t('market.counter.redeemed', {
                points: formatPoints(done.totalPoints),
                balance: formatPoints(done.balanceAfter),
              })}
              description={done.lines.map((l) => `${l.itemName} × ${l.quantity}`).join('、')}
              action={
                <Space direction="vertical">
                  <Button size="small" onClick={() => window.print()}>
                    {t('market.counter.print')}
                  </Button>
                  <Button
                    size="small"
                    onClick={() => {
                      setDone(null);
                      setCustomer(null);
                      setPhone('');
                    }}
                  >
                    {t('market.counter.next')}
                  </Button>
                </Space>
              }
            />
          ) : null}
          {!customer ? (
            <Empty style={{ marginTop: 16 }} description={t('market.counter.noCustomer')} />
          ) : (
            <>
              <Space style={{ marginTop: 16 }} size="large" wrap>
                <strong>
                  {t('market.counter.customer', { name: customer.name, phone: customer.phone })}
                </strong>
                <Statistic
                  title={t('market.counter.balance')}
                  value={formatPoints(done ? done.balanceAfter : customer.balance)}
                  valueRender={(node) => <span data-testid="customer-balance">{node}</span>}
                />
              </Space>
              <Table
                style={{ marginTop: 12 }}
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={active}
                columns={[
                  { title: t('market.stock.name'), dataIndex: 'name' },
                  {
                    title: t('market.stock.price'),
                    dataIndex: 'pricePoints',
                    render: (v: number, i: MarketItem) => `${formatPoints(v)} / ${i.unit}`,
                  },
                  {
                    title: t('market.stock.stock'),
                    dataIndex: 'stock',
                    render: (v: number | null) => (v === null ? t('market.counter.service') : v),
                  },
                  {
                    title: t('market.stock.quantity'),
                    render: (_: unknown, i: MarketItem) => (
                      <InputNumber
                        aria-label={t('market.counter.quantity', { name: i.name })}
                        min={0}
                        max={i.stock === null ? 99 : i.stock}
                        disabled={i.stock === 0}
                        value={quantities[i.id] ?? 0}
                        onChange={(v) => setQuantities({ ...quantities, [i.id]: v ?? 0 })}
                      />
                    ),
                  },
                ]}
              />
              <Space style={{ marginTop: 12 }}>
                <strong>{t('market.counter.total', { points: formatPoints(total) })}</strong>
                <Button
                  type="primary"
                  disabled={lines.length === 0}
                  loading={redeem.isPending}
                  onClick={() =>
                    redeem.mutate(
                      { marketId: market.id, idempotencyKey: cartKey, customerToken: customer.token, lines },
                      {
                        onSuccess: (r) => {
                          setDone(r);
                          setCustomer({ ...customer, balance: r.balanceAfter });
                          setQuantities({});
                          setCartKey(crypto.randomUUID());
                        },
                        onError: (e) => void message.error(errorMessage(e)),
                      },
                    )
                  }
                >
                  {t('market.counter.redeem')}
                </Button>
              </Space>
            </>
          )}
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <PickupCard market={market} />
      </Col>
    </Row>
  );
}

function PickupCard({ market }: { market: Market }) {
  const { t, i18n } = useTranslation();
  const locale = pickLocale(i18n.language);
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const pickUp = usePickUp();
  const cancel = useCancelReservation();
  const waiting = useMarketRedemptions(market.id, 'reserved');
  const [code, setCode] = useState('');
  const submit = () =>
    pickUp.mutate(
      { marketId: market.id, code: code.trim() },
      {
        onSuccess: (r) => {
          setCode('');
          void message.success(
            t('market.counter.pickedUp', {
              name: r.volunteerName,
              items: r.lines.map((l) => `${l.itemName} × ${l.quantity}`).join('、'),
            }),
          );
        },
        onError: (e) => void message.error(errorMessage(e)),
      },
    );
  return (
    <Card title={t('market.counter.pickupTitle')}>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          aria-label={t('market.counter.pickupCode')}
          placeholder={t('market.counter.pickupPlaceholder')}
          inputMode="numeric"
          maxLength={6}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          onPressEnter={submit}
        />
        <Button type="primary" loading={pickUp.isPending} onClick={submit}>
          {t('market.counter.pickUp')}
        </Button>
      </Space.Compact>
      <h3 style={{ marginTop: 16 }}>{t('market.counter.waiting')}</h3>
      {waiting.data && waiting.data.items.length === 0 ? (
        <Empty description={t('market.counter.noWaiting')} />
      ) : (
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={waiting.data?.items ?? []}
          columns={[
            { title: t('market.report.residents'), dataIndex: 'volunteerName' },
            {
              title: t('market.donations.lines'),
              render: (_: unknown, r: Redemption) =>
                r.lines.map((l) => `${l.itemName}×${l.quantity}`).join('、'),
            },
            {
              title: t('market.stock.at'),
              dataIndex: 'expiresAt',
              render: (v: string | null) => (v ? formatDateTime(v, locale) : '—'),
            },
            {
              title: t('market.stock.actions'),
              render: (_: unknown, r: Redemption) =>
                r.abilities.actions.includes('cancel') ? (
                  <Button
                    size="small"
                    onClick={() =>
                      cancel.mutate(
                        { id: r.id, version: r.version, mine: false },
                        {
                          onSuccess: () => void message.success(t('market.counter.cancelled')),
                          onError: (e) => void message.error(errorMessage(e)),
                        },
                      )
                    }
                  >
                    {t('market.counter.cancel')}
                  </Button>
                ) : null,
            },
          ]}
        />
      )}
    </Card>
  );
}

// ------------------------------------------------------------ catalogue and stock

function Stock({ market, operate }: { market: Market; operate: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = pickLocale(i18n.language);
  const items = useMarketItems(market.id);
  const [editing, setEditing] = useState<MarketItem | 'new' | null>(null);
  const [adjusting, setAdjusting] = useState<MarketItem | null>(null);
  const [page, setPage] = useState(1);
  const movements = useMovements(market.id, page);
  if (items.error) return <ErrorAlert error={items.error} onRetry={() => void items.refetch()} />;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {operate ? (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('market.stock.addItem')}
        </Button>
      ) : null}
      <Table
        rowKey="id"
        size="small"
        loading={items.isLoading}
        pagination={false}
        locale={{ emptyText: <Empty description={t('market.stock.empty')} /> }}
        dataSource={items.data ?? []}
        columns={[
          { title: t('market.stock.name'), dataIndex: 'name' },
          {
            title: t('market.stock.kind'),
            dataIndex: 'kind',
            render: (k: MarketItem['kind']) => MARKET_ITEM_KIND_NAMES[locale][k],
          },
          {
            title: t('market.stock.price'),
            dataIndex: 'pricePoints',
            render: (v: number, i: MarketItem) => `${formatPoints(v)} / ${i.unit}`,
          },
          {
            title: t('market.stock.stock'),
            dataIndex: 'stock',
            render: (v: number | null) => (v === null ? '—' : <span data-testid="item-stock">{v}</span>),
          },
          {
            title: t('market.stock.active'),
            dataIndex: 'active',
            render: (v: boolean) =>
              v ? (
                <Tag color="success">{t('market.stock.active')}</Tag>
              ) : (
                <Tag>{t('market.stock.inactive')}</Tag>
              ),
          },
          ...(operate
            ? [
                {
                  title: t('market.stock.actions'),
                  render: (_: unknown, i: MarketItem) => (
                    <Space>
                      <Button
                        size="small"
                        onClick={() => setEditing(i)}
                        aria-label={`${t('market.stock.edit')} ${i.name}`}
                      >
                        {t('market.stock.edit')}
                      </Button>
                      {i.kind === 'goods' ? (
                        <Button
                          size="small"
                          onClick={() => setAdjusting(i)}
                          aria-label={`${t('market.stock.adjust')} ${i.name}`}
                        >
                          {t('market.stock.adjust')}
                        </Button>
                      ) : null}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Card title={t('market.stock.movements')} size="small">
        <Table
          rowKey="id"
          size="small"
          loading={movements.isLoading}
          dataSource={movements.data?.items ?? []}
          locale={{ emptyText: <Empty description={t('market.stock.noMovements')} /> }}
          pagination={{
            current: page,
            pageSize: 20,
            total: movements.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
          }}
          columns={[
            {
              title: t('market.stock.at'),
              dataIndex: 'at',
              render: (v: string) => formatDateTime(v, locale),
            },
            { title: t('market.stock.name'), dataIndex: 'itemName' },
            {
              title: t('market.stock.movementKind'),
              dataIndex: 'kind',
              render: (k: keyof (typeof STOCK_MOVEMENT_KIND_NAMES)['zh-CN']) =>
                STOCK_MOVEMENT_KIND_NAMES[locale][k],
            },
            {
              title: t('market.stock.change'),
              dataIndex: 'quantity',
              render: (q: number) => (q > 0 ? `+${q}` : q),
            },
            { title: t('market.stock.after'), dataIndex: 'stockAfter' },
            { title: t('market.stock.reason'), dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
            { title: t('market.stock.by'), dataIndex: 'actorName' },
          ]}
        />
      </Card>
      {editing ? (
        <ItemModal
          market={market}
          item={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {adjusting ? <AdjustModal item={adjusting} onClose={() => setAdjusting(null)} /> : null}
    </Space>
  );
}

function ItemModal({
  market,
  item,
  onClose,
}: {
  market: Market;
  item: MarketItem | null;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const locale = pickLocale(i18n.language);
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const create = useCreateItem();
  const update = useUpdateItem();
  const [form] = Form.useForm();
  const kind = Form.useWatch('kind', form);
  const save = (v: {
    kind: MarketItem['kind'];
    name: string;
    unit: string;
    description?: string;
    price: number;
    active: boolean;
  }) => {
    const body = {
      name: v.name,
      unit: v.unit,
      description: v.description || null,
      pricePoints: Math.round(v.price * 100),
    };
    const done = {
      onSuccess: () => {
        void message.success(t('market.stock.saved'));
        onClose();
      },
      onError: (e: unknown) => void message.error(errorMessage(e)),
    };
    if (item)
      update.mutate({ id: item.id, body: { ...body, active: v.active, version: item.version } }, done);
    else create.mutate({ marketId: market.id, body: { ...body, kind: v.kind } }, done);
  };
  return (
    <Modal
      open
      title={item ? `${t('market.stock.edit')} ${item.name}` : t('market.stock.addItem')}
      okText={t('market.stock.save')}
      onOk={() => form.submit()}
      confirmLoading={create.isPending || update.isPending}
      onCancel={onClose}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={
          item
            ? { ...item, price: item.pricePoints / 100, description: item.description ?? '' }
            : { kind: 'goods', unit: '件', active: true }
        }
      >
        <Form.Item name="kind" label={t('market.stock.kind')}>
          <Select
            disabled={!!item}
            options={MARKET_ITEM_KINDS.map((k) => ({ value: k, label: MARKET_ITEM_KIND_NAMES[locale][k] }))}
          />
        </Form.Item>
        <Form.Item name="name" label={t('market.stock.name')} rules={[{ required: true, max: 50 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="unit" label={t('market.stock.unit')} rules={[{ required: true, max: 10 }]}>
          <Input placeholder={kind === 'service' ? '次' : '件'} />
        </Form.Item>
        <Form.Item name="price" label={t('market.stock.price')} rules={[{ required: true }]}>
          <InputNumber min={0.01} max={100000} step={1} precision={2} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="description" label={t('market.stock.description')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        {item ? (
          <Form.Item name="active" label={t('market.stock.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

function AdjustModal({ item, onClose }: { item: MarketItem; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const adjust = useAdjustStock();
  const [form] = Form.useForm();
  return (
    <Modal
      open
      title={`${t('market.stock.adjust')} ${item.name}（${t('market.counter.stock', { stock: item.stock })}）`}
      okText={t('market.stock.save')}
      onOk={() => form.submit()}
      confirmLoading={adjust.isPending}
      onCancel={onClose}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'adjustment' }}
        onFinish={(v: { kind: 'adjustment' | 'stocktake'; quantity: number; reason: string }) =>
          adjust.mutate(
            { id: item.id, body: v },
            {
              onSuccess: () => {
                void message.success(t('market.stock.adjusted'));
                onClose();
              },
              onError: (e) => void message.error(errorMessage(e)),
            },
          )
        }
      >
        <Form.Item name="kind" label={t('market.stock.adjustKind')}>
          <Select
            options={[
              { value: 'adjustment', label: t('market.stock.adjustment') },
              { value: 'stocktake', label: t('market.stock.stocktake') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="quantity"
          label={t('market.stock.quantity')}
          extra={t('market.stock.quantityHint')}
          rules={[{ required: true }]}
        >
          <InputNumber precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('market.stock.reason')}
          rules={[{ required: true, whitespace: true, max: 200 }]}
        >
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// ------------------------------------------------------------ donations

function Donations({ market, operate }: { market: Market; operate: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = pickLocale(i18n.language);
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const items = useMarketItems(market.id);
  const donations = useDonations(market.id);
  const record = useRecordDonation();
  const [form] = Form.useForm();
  const goods = (items.data ?? []).filter((i) => i.kind === 'goods');
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {operate ? (
        <Card title={t('market.donations.record')} size="small">
          {goods.length === 0 ? (
            <Empty description={t('market.donations.noGoods')} />
          ) : (
            <Form
              form={form}
              layout="vertical"
              initialValues={{
                donorKind: 'enterprise',
                donatedOn: dayjs(beijingToday()),
                lines: [{ quantity: 1 }],
              }}
              onFinish={(v: {
                donorName: string;
                donorKind: (typeof DONOR_KINDS)[number];
                donatedOn: dayjs.Dayjs;
                receiptNo: string;
                note?: string;
                lines: Array<{ itemId: string; quantity: number }>;
              }) =>
                record.mutate(
                  {
                    marketId: market.id,
                    body: { ...v, donatedOn: v.donatedOn.format('YYYY-MM-DD'), note: v.note || null },
                  },
                  {
                    onSuccess: () => {
                      void message.success(t('market.donations.saved'));
                      form.resetFields();
                    },
                    onError: (e) => void message.error(errorMessage(e)),
                  },
                )
              }
            >
              <Row gutter={12}>
                <Col xs={24} md={8}>
                  <Form.Item
                    name="donorName"
                    label={t('market.donations.donorName')}
                    rules={[{ required: true, max: 100 }]}
                  >
                    <Input />
                  </Form.Item>
                </Col>
                <Col xs={12} md={5}>
                  <Form.Item name="donorKind" label={t('market.donations.donorKind')}>
                    <Select
                      options={DONOR_KINDS.map((k) => ({ value: k, label: DONOR_KIND_NAMES[locale][k] }))}
                    />
                  </Form.Item>
                </Col>
                <Col xs={12} md={5}>
                  <Form.Item
                    name="donatedOn"
                    label={t('market.donations.donatedOn')}
                    rules={[{ required: true }]}
                  >
                    <DatePicker style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={6}>
                  <Form.Item
                    name="receiptNo"
                    label={t('market.donations.receiptNo')}
                    rules={[{ required: true, max: 50 }]}
                  >
                    <Input />
                  </Form.Item>
                </Col>
              </Row>
              <Form.List name="lines">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((field) => (
                      <Space key={field.key} align="baseline" wrap>
                        <Form.Item name={[field.name, 'itemId']} rules={[{ required: true }]}>
                          <Select
                            aria-label={t('market.donations.item')}
                            style={{ width: 200 }}
                            placeholder={t('market.donations.item')}
                            options={goods.map((g) => ({ value: g.id, label: `${g.name}（${g.unit}）` }))}
                          />
                        </Form.Item>
                        <Form.Item name={[field.name, 'quantity']} rules={[{ required: true }]}>
                          <InputNumber
                            aria-label={t('market.donations.quantity')}
                            min={1}
                            max={99}
                            precision={0}
                          />
                        </Form.Item>
                        {fields.length > 1 ? (
                          <MinusCircleOutlined onClick={() => remove(field.name)} />
                        ) : null}
                      </Space>
                    ))}
                    <Button type="dashed" onClick={() => add({ quantity: 1 })} icon={<PlusOutlined />}>
                      {t('market.donations.addLine')}
                    </Button>
                  </>
                )}
              </Form.List>
              <Form.Item name="note" label={t('market.donations.note')} style={{ marginTop: 12 }}>
                <Input />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={record.isPending}>
                {t('market.donations.save')}
              </Button>
            </Form>
          )}
        </Card>
      ) : null}
      <Table
        rowKey="id"
        size="small"
        loading={donations.isLoading}
        pagination={false}
        dataSource={donations.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('market.donations.empty')} /> }}
        columns={[
          { title: t('market.donations.donatedOn'), dataIndex: 'donatedOn' },
          { title: t('market.donations.donorName'), dataIndex: 'donorName' },
          {
            title: t('market.donations.donorKind'),
            dataIndex: 'donorKind',
            render: (k: (typeof DONOR_KINDS)[number]) => DONOR_KIND_NAMES[locale][k],
          },
          { title: t('market.donations.receiptNo'), dataIndex: 'receiptNo' },
          {
            title: t('market.donations.lines'),
            dataIndex: 'lines',
            render: (lines: Array<{ itemName: string; quantity: number }>) =>
              lines.map((l) => `${l.itemName} × ${l.quantity}`).join('、'),
          },
          { title: t('market.stock.by'), dataIndex: 'actorName' },
        ]}
      />
    </Space>
  );
}

// ------------------------------------------------------------ reports

function MonthPicker({ month, onChange }: { month: string; onChange: (m: string) => void }) {
  const { t } = useTranslation();
  return (
    <DatePicker
      picker="month"
      aria-label={t('market.report.month')}
      allowClear={false}
      value={dayjs(`${month}-01`)}
      onChange={(d) => d && onChange(d.format('YYYY-MM'))}
    />
  );
}

function Report({ market }: { market: Market }) {
  const { t, i18n } = useTranslation();
  const locale = pickLocale(i18n.language);
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [month, setMonth] = useState(lastMonth);
  const report = useReport(market.id, month);
  const r = report.data;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap>
        <MonthPicker month={month} onChange={setMonth} />
        <Button
          onClick={() =>
            downloadReport(market.id, month).then(
              (file) => void message.success(t('market.report.exported', { file })),
              (e) => void message.error(errorMessage(e)),
            )
          }
        >
          {t('market.report.export')}
        </Button>
      </Space>
      {report.error ? <ErrorAlert error={report.error} onRetry={() => void report.refetch()} /> : null}
      {r ? (
        <>
          <Row gutter={[16, 16]}>
            {(
              [
                ['redemptions', r.redemptions],
                ['residents', r.residents],
                ['pointsTaken', formatPoints(r.pointsTaken)],
                ['donations', r.donations],
                ['donated', r.donated],
              ] as const
            ).map(([key, value]) => (
              <Col key={key} xs={12} md={4}>
                <Statistic title={t(`market.report.${key}`)} value={value} />
              </Col>
            ))}
            <Col xs={12} md={4}>
              <Statistic
                title={t('market.report.check')}
                valueRender={() =>
                  r.balanced ? (
                    <Tag color="success">{t('market.report.balanced')}</Tag>
                  ) : (
                    <Tag color="error">{t('market.report.unbalanced')}</Tag>
                  )
                }
              />
            </Col>
          </Row>
          <Alert type="info" showIcon message={t('market.report.balancedHint')} />
          <Table
            rowKey="itemId"
            size="small"
            pagination={false}
            dataSource={r.items}
            columns={[
              { title: t('market.report.item'), dataIndex: 'name' },
              {
                title: t('market.stock.kind'),
                dataIndex: 'kind',
                render: (k: MarketItem['kind']) => MARKET_ITEM_KIND_NAMES[locale][k],
              },
              { title: t('market.report.redeemed'), dataIndex: 'redeemed' },
              {
                title: t('market.report.itemPoints'),
                dataIndex: 'pointsTaken',
                render: (v: number) => formatPoints(v),
              },
              { title: t('market.report.itemDonated'), dataIndex: 'donated' },
              {
                title: t('market.report.monthEnd'),
                dataIndex: 'stockAtMonthEnd',
                render: (v: number | null) => v ?? '—',
              },
              {
                title: t('market.report.stockNow'),
                dataIndex: 'stock',
                render: (v: number | null) => v ?? '—',
              },
              {
                title: t('market.report.movementSum'),
                dataIndex: 'movementSum',
                render: (v: number | null) => v ?? '—',
              },
              {
                title: t('market.report.check'),
                render: (_: unknown, i: { kind: string; balanced: boolean }) =>
                  i.kind !== 'goods' ? (
                    '—'
                  ) : i.balanced ? (
                    <Tag color="success">{t('market.report.balanced')}</Tag>
                  ) : (
                    <Tag color="error">{t('market.report.unbalanced')}</Tag>
                  ),
              },
            ]}
          />
        </>
      ) : null}
    </Space>
  );
}

function RollupView() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [month, setMonth] = useState(lastMonth);
  const rollup = useRollup(month);
  const columns = useMemo(
    () => (first: string) => [
      { title: first, dataIndex: 'name' },
      { title: t('market.report.markets'), dataIndex: 'markets' },
      { title: t('market.report.redemptions'), dataIndex: 'redemptions' },
      {
        title: t('market.report.pointsTaken'),
        dataIndex: 'pointsTaken',
        render: (v: number) => formatPoints(v),
      },
      { title: t('market.report.donated'), dataIndex: 'donated' },
      { title: t('market.report.stockAtMonthEnd'), dataIndex: 'stockAtMonthEnd' },
      {
        title: t('market.report.check'),
        dataIndex: 'balanced',
        render: (v: boolean) =>
          v ? (
            <Tag color="success">{t('market.report.balanced')}</Tag>
          ) : (
            <Tag color="error">{t('market.report.unbalanced')}</Tag>
          ),
      },
    ],
    [t],
  );
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap>
        <MonthPicker month={month} onChange={setMonth} />
        <Button
          onClick={() =>
            downloadRollup(month).then(
              (file) => void message.success(t('market.report.exported', { file })),
              (e) => void message.error(errorMessage(e)),
            )
          }
        >
          {t('market.report.export')}
        </Button>
      </Space>
      {rollup.error ? <ErrorAlert error={rollup.error} onRetry={() => void rollup.refetch()} /> : null}
      <Table
        rowKey="code"
        size="small"
        pagination={false}
        dataSource={rollup.data?.streets ?? []}
        columns={columns(t('market.report.street'))}
        locale={{ emptyText: <Empty description={t('market.report.noMarkets')} /> }}
      />
      <Table
        rowKey="code"
        size="small"
        pagination={{ pageSize: 20, showSizeChanger: false }}
        dataSource={rollup.data?.communities ?? []}
        columns={columns(t('market.report.community'))}
      />
    </Space>
  );
}
