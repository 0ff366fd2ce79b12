import { formatPoints, pickLocale, REDEMPTION_CHANNEL_NAMES, REDEMPTION_STATE_NAMES } from '@linli/common';
import { App, Button, Card, Empty, InputNumber, List, QRCode, Space, Statistic, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { formatDateTime } from '../../../ui/format.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import {
  type MarketItem,
  type Redemption,
  useCancelReservation,
  useMyCode,
  useMyMarket,
  useMyRedemptions,
  useReserve,
} from '../hooks/use-market.ts';

const STATE_COLORS = {
  reserved: 'processing',
  picked_up: 'success',
  cancelled: 'default',
  expired: 'default',
} as const;

/** 爱心超市 on the resident's phone: my community's catalogue, reserve online, my pickup codes, my counter code. */
export function MarketMePage() {
  const { t } = useTranslation();
  const mine = useMyMarket();
  const [tab, setTab] = useState('catalogue');
  const data = mine.data;
  return (
    <div style={{ maxWidth: 640, margin: '0 auto' }}>
      <PageHeader title={t('market.me.title')} subtitle={t('market.me.subtitle')} />
      {mine.error ? (
        <ErrorAlert error={mine.error} onRetry={() => void mine.refetch()} />
      ) : !data ? null : !data.volunteer ? (
        <Empty description={t('market.me.notVolunteer')}>
          <Link to="/volunteer">{t('market.me.goVolunteer')}</Link>
        </Empty>
      ) : (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Card size="small">
            <Statistic
              title={t('market.me.balance')}
              value={formatPoints(data.volunteer.balance)}
              valueRender={(node) => <span data-testid="market-balance">{node}</span>}
            />
            {data.market ? (
              <div>
                <strong>{data.market.name}</strong>
                <div>{data.market.address}</div>
                <div>{t('market.me.openingHours', { hours: data.market.openingHours })}</div>
              </div>
            ) : null}
          </Card>
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={[
              {
                key: 'catalogue',
                label: t('market.me.tabs.catalogue'),
                children: data.market ? (
                  <Catalogue
                    marketId={data.market.id}
                    items={data.items}
                    onReserved={() => setTab('reservations')}
                  />
                ) : (
                  <Empty description={t('market.me.noMarket')} />
                ),
              },
              { key: 'reservations', label: t('market.me.tabs.reservations'), children: <MyRedemptions /> },
              { key: 'code', label: t('market.me.tabs.code'), children: <MyCode active={tab === 'code'} /> },
            ]}
          />
        </Space>
      )}
    </div>
  );
}

function Catalogue({
  marketId,
  items,
  onReserved,
}: {
  marketId: string;
  items: MarketItem[];
  onReserved: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const reserve = useReserve();
  const [quantities, setQuantities] = useState<Record<string, number>>({});
  // One key per item and attempt: a retried tap posts once; a new reservation gets a new key.
  const [keys, setKeys] = useState<Record<string, string>>({});
  const keyOf = (id: string) => keys[id] ?? crypto.randomUUID();
  if (items.length === 0) return <Empty description={t('market.me.noItems')} />;
  return (
    <List
      dataSource={items}
      renderItem={(item) => {
        const soldOut = item.stock !== null && item.stock < 1;
        const quantity = quantities[item.id] ?? 1;
        return (
          <List.Item
            data-testid="market-item"
            actions={[
              <InputNumber
                key="q"
                min={1}
                max={item.stock === null ? 9 : Math.max(1, Math.min(9, item.stock))}
                value={quantity}
                disabled={soldOut}
                aria-label={t('market.counter.quantity', { name: item.name })}
                onChange={(v) => setQuantities({ ...quantities, [item.id]: v ?? 1 })}
                style={{ width: 64 }}
              />,
              <Button
                key="r"
                type="primary"
                disabled={soldOut}
                loading={reserve.isPending && reserve.variables?.lines[0]?.itemId === item.id}
                onClick={() => {
                  const idempotencyKey = keyOf(item.id);
                  setKeys({ ...keys, [item.id]: idempotencyKey });
                  reserve.mutate(
                    { marketId, idempotencyKey, lines: [{ itemId: item.id, quantity }] },
                    {
                      onSuccess: (r) => {
                        setKeys(({ [item.id]: _, ...rest }) => rest);
                        void message.success(t('market.me.reserved', { code: r.pickupCode }));
                        onReserved();
                      },
                      onError: (e) => void message.error(errorMessage(e)),
                    },
                  );
                }}
              >
                {t('market.me.reserve')}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={item.name}
              description={
                <Space wrap size={4}>
                  <Tag color="error">{t('market.me.points', { points: formatPoints(item.pricePoints) })}</Tag>
                  <span>/ {item.unit}</span>
                  {item.stock === null ? null : soldOut ? (
                    <Tag>{t('market.me.soldOut')}</Tag>
                  ) : (
                    <span>{t('market.counter.stock', { stock: item.stock })}</span>
                  )}
                  {item.description ? <span>{item.description}</span> : null}
                </Space>
              }
            />
          </List.Item>
        );
      }}
    />
  );
}

function MyRedemptions() {
  const { t, i18n } = useTranslation();
  const locale = pickLocale(i18n.language);
  const list = useMyRedemptions();
  if (list.error) return <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />;
  if (!list.data) return null;
  if (list.data.items.length === 0) return <Empty description={t('market.me.noReservations')} />;
  return (
    <List
      dataSource={list.data.items}
      renderItem={(r) => (
        <List.Item data-testid="my-redemption">
          <Space direction="vertical" style={{ width: '100%' }}>
            <Space wrap>
              <Tag color={STATE_COLORS[r.state]}>{REDEMPTION_STATE_NAMES[locale][r.state]}</Tag>
              <span>{REDEMPTION_CHANNEL_NAMES[locale][r.channel]}</span>
              <span>{formatDateTime(r.createdAt, locale)}</span>
            </Space>
            <div>
              {r.lines.map((l) => `${l.itemName} × ${l.quantity}`).join('、')} ·{' '}
              {t('market.me.points', { points: formatPoints(r.totalPoints) })}
            </div>
            {r.state === 'reserved' && r.pickupCode ? <Pickup redemption={r} /> : null}
          </Space>
        </List.Item>
      )}
    />
  );
}

function Pickup({ redemption: r }: { redemption: Redemption }) {
  const { t, i18n } = useTranslation();
  const locale = pickLocale(i18n.language);
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const cancel = useCancelReservation();
  return (
    <Space align="center" wrap>
      <QRCode value={r.pickupCode ?? ''} size={120} aria-label={t('market.me.pickupQr')} />
      <div>
        <div>{t('market.me.pickupCode')}</div>
        <div data-testid="pickup-code" style={{ fontSize: 28, fontWeight: 600, letterSpacing: 4 }}>
          {r.pickupCode}
        </div>
        {r.expiresAt ? (
          <div>
            {t('market.me.pickupBy', { time: formatDateTime(r.expiresAt, locale), market: r.marketName })}
          </div>
        ) : null}
        {r.abilities.actions.includes('cancel') ? (
          <Button
            size="small"
            loading={cancel.isPending}
            onClick={() =>
              cancel.mutate(
                { id: r.id, version: r.version, mine: true },
                {
                  onSuccess: () => void message.success(t('market.me.cancelled')),
                  onError: (e) => void message.error(errorMessage(e)),
                },
              )
            }
          >
            {t('market.me.cancel')}
          </Button>
        ) : null}
      </div>
    </Space>
  );
}

function MyCode({ active }: { active: boolean }) {
  const { t } = useTranslation();
  const code = useMyCode(active);
  if (code.error) return <ErrorAlert error={code.error} onRetry={() => void code.refetch()} />;
  if (!code.data) return null;
  return (
    <Space direction="vertical" align="center" style={{ width: '100%' }}>
      <QRCode value={code.data.token} size={220} aria-label={t('market.me.codeQr')} />
      <p style={{ textAlign: 'center' }}>{t('market.me.showCode')}</p>
    </Space>
  );
}
