import {
  DONOR_KINDS,
  MARKET_ITEM_KINDS,
  REDEMPTION_ACTIONS,
  REDEMPTION_CHANNELS,
  REDEMPTION_STATES,
  STOCK_MOVEMENT_KINDS,
} from '@linli/common';
import { type Static, Type } from '@sinclair/typebox';
import { literalUnion, Nullable, Page, PageQuery, ref } from '../../platform/http-schemas.ts';

const DateTime = Type.String({ format: 'date-time' });
/** Hundredths of a point, like the ledger: 250 is 2.5 points. */
const Points = (description = '积分（百分之一分，250 即 2.5 分）') => Type.Integer({ description });
const Id = Type.String({ minLength: 1, maxLength: 64 });
const IdempotencyKey = Type.String({
  minLength: 8,
  maxLength: 200,
  description: '请求编号：重试同一兑换时使用同一编号，只扣一次积分、只出一次库',
});
const Month = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: '月份 YYYY-MM（北京时间）' });

export const IdParams = Type.Object({ id: Id });

export const MarketSchema = Type.Object(
  {
    id: Type.String(),
    divisionCode: Type.String(),
    divisionName: Type.String(),
    name: Type.String(),
    address: Type.String(),
    openingHours: Type.String(),
    pointsAccountId: Type.String(),
    pointsTaken: Points('超市积分账户累计收到的积分'),
    items: Type.Integer(),
    reservations: Type.Integer({ description: '待领取的线上预约数' }),
    version: Type.Integer(),
    abilities: Type.Object({ manage: Type.Boolean(), operate: Type.Boolean() }),
  },
  { $id: 'Market' },
);
export type Market = Static<typeof MarketSchema>;

export const MarketListQuery = Type.Object({
  divisionCode: Type.Optional(Type.String({ pattern: '^\\d{6,12}$' })),
  ...PageQuery,
});
export const MarketPage = Page(ref(MarketSchema));

export const CreateMarketBody = Type.Object({
  divisionCode: Type.String({ pattern: '^\\d{12}$' }),
  name: Type.String({ minLength: 2, maxLength: 100 }),
  address: Type.String({ minLength: 2, maxLength: 200 }),
  openingHours: Type.String({ minLength: 1, maxLength: 100 }),
});
export type CreateMarketInput = Static<typeof CreateMarketBody>;

export const UpdateMarketBody = Type.Object({
  name: Type.String({ minLength: 2, maxLength: 100 }),
  address: Type.String({ minLength: 2, maxLength: 200 }),
  openingHours: Type.String({ minLength: 1, maxLength: 100 }),
  version: Type.Integer(),
});
export type UpdateMarketInput = Static<typeof UpdateMarketBody>;

export const MarketItemSchema = Type.Object(
  {
    id: Type.String(),
    marketId: Type.String(),
    kind: literalUnion(MARKET_ITEM_KINDS),
    name: Type.String(),
    unit: Type.String(),
    description: Nullable(Type.String()),
    pricePoints: Points('单价（百分之一分）'),
    stock: Nullable(Type.Integer({ description: '现有库存（服务类为空）' })),
    active: Type.Boolean(),
    version: Type.Integer(),
  },
  { $id: 'MarketItem' },
);
export type MarketItem = Static<typeof MarketItemSchema>;

export const ItemListQuery = Type.Object({ activeOnly: Type.Optional(Type.Boolean()) });

export const CreateItemBody = Type.Object({
  kind: literalUnion(MARKET_ITEM_KINDS),
  name: Type.String({ minLength: 1, maxLength: 50 }),
  unit: Type.String({ minLength: 1, maxLength: 10 }),
  description: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  pricePoints: Type.Integer({ minimum: 1, maximum: 10_000_000 }),
});
export type CreateItemInput = Static<typeof CreateItemBody>;

export const UpdateItemBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 50 }),
  unit: Type.String({ minLength: 1, maxLength: 10 }),
  description: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  pricePoints: Type.Integer({ minimum: 1, maximum: 10_000_000 }),
  active: Type.Boolean(),
  version: Type.Integer(),
});
export type UpdateItemInput = Static<typeof UpdateItemBody>;

export const AdjustStockBody = Type.Object({
  kind: literalUnion(['adjustment', 'stocktake'] as const),
  /** Adjustment: the change (+ in, − out). Stocktake: the counted quantity. */
  quantity: Type.Integer({
    minimum: -100_000,
    maximum: 100_000,
    description: '调整：增减数量；盘点：实盘数量',
  }),
  reason: Type.String({ maxLength: 200 }),
});
export type AdjustStockInput = Static<typeof AdjustStockBody>;

export const MovementSchema = Type.Object(
  {
    id: Type.Integer(),
    itemId: Type.String(),
    itemName: Type.String(),
    kind: literalUnion(STOCK_MOVEMENT_KINDS),
    quantity: Type.Integer(),
    stockAfter: Type.Integer(),
    reason: Nullable(Type.String()),
    donationId: Nullable(Type.String()),
    redemptionId: Nullable(Type.String()),
    actorName: Type.String(),
    at: DateTime,
  },
  { $id: 'MarketStockMovement' },
);
export type Movement = Static<typeof MovementSchema>;
export const MovementQuery = Type.Object({ itemId: Type.Optional(Id), ...PageQuery });
export const MovementPage = Page(ref(MovementSchema));

const Line = Type.Object({ itemId: Id, quantity: Type.Integer({ minimum: 1, maximum: 99 }) });
const Lines = Type.Array(Line, { minItems: 1, maxItems: 30 });

export const DonationSchema = Type.Object(
  {
    id: Type.String(),
    donorName: Type.String(),
    donorKind: literalUnion(DONOR_KINDS),
    donatedOn: Type.String({ format: 'date' }),
    receiptNo: Type.String(),
    note: Nullable(Type.String()),
    lines: Type.Array(
      Type.Object({ itemId: Type.String(), itemName: Type.String(), quantity: Type.Integer() }),
    ),
    actorName: Type.String(),
    createdAt: DateTime,
  },
  { $id: 'MarketDonation' },
);
export type Donation = Static<typeof DonationSchema>;
export const DonationPage = Page(ref(DonationSchema));
export const DonationQuery = Type.Object({ ...PageQuery });

export const DonationBody = Type.Object({
  donorName: Type.String({ minLength: 1, maxLength: 100 }),
  donorKind: literalUnion(DONOR_KINDS),
  donatedOn: Type.String({ format: 'date' }),
  receiptNo: Type.String({ minLength: 1, maxLength: 50 }),
  note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  lines: Lines,
});
export type DonationInput = Static<typeof DonationBody>;

export const CustomerSchema = Type.Object(
  {
    token: Type.String({ description: '短时有效的居民码（柜台兑换时提交）' }),
    expiresAt: DateTime,
    volunteerId: Type.String(),
    name: Type.String(),
    phone: Type.String({ description: '脱敏手机号' }),
    balance: Points('积分余额'),
  },
  { $id: 'MarketCustomer' },
);
export type Customer = Static<typeof CustomerSchema>;

export const IdentifyCustomerBody = Type.Object({
  phone: Type.Optional(Type.String({ minLength: 11, maxLength: 20 })),
  code: Type.Optional(Type.String({ minLength: 10, maxLength: 200 })),
});

export const RedemptionSchema = Type.Object(
  {
    id: Type.String(),
    marketId: Type.String(),
    marketName: Type.String(),
    volunteerId: Type.String(),
    volunteerName: Type.String(),
    channel: literalUnion(REDEMPTION_CHANNELS),
    state: literalUnion(REDEMPTION_STATES),
    totalPoints: Points('合计积分'),
    balanceAfter: Points('兑换后积分余额'),
    pickupCode: Nullable(Type.String()),
    expiresAt: Nullable(DateTime),
    lines: Type.Array(
      Type.Object({
        itemId: Type.String(),
        itemName: Type.String(),
        quantity: Type.Integer(),
        pricePoints: Type.Integer(),
      }),
    ),
    operatorName: Type.String(),
    createdAt: DateTime,
    pickedUpAt: Nullable(DateTime),
    version: Type.Integer(),
    abilities: Type.Object({ actions: Type.Array(literalUnion(REDEMPTION_ACTIONS)) }),
  },
  { $id: 'MarketRedemption' },
);
export type Redemption = Static<typeof RedemptionSchema>;
export const RedemptionPage = Page(ref(RedemptionSchema));
export const RedemptionQuery = Type.Object({
  state: Type.Optional(literalUnion(REDEMPTION_STATES)),
  channel: Type.Optional(literalUnion(REDEMPTION_CHANNELS)),
  ...PageQuery,
});

export const CounterRedemptionBody = Type.Object({
  idempotencyKey: IdempotencyKey,
  customerToken: Type.String({ minLength: 10, maxLength: 200 }),
  lines: Lines,
});
export type CounterRedemptionInput = Static<typeof CounterRedemptionBody>;

export const ReservationBody = Type.Object({
  idempotencyKey: IdempotencyKey,
  marketId: Id,
  lines: Lines,
});
export type ReservationInput = Static<typeof ReservationBody>;

export const PickupBody = Type.Object({ code: Type.String({ pattern: '^\\d{6}$' }) });
export const CancelBody = Type.Object({
  version: Type.Integer(),
  comment: Type.Optional(Type.String({ maxLength: 200 })),
});

export const MyCodeSchema = Type.Object(
  { token: Type.String(), expiresAt: DateTime },
  { $id: 'MarketMyCode' },
);

export const MyMarketSchema = Type.Object(
  {
    volunteer: Nullable(Type.Object({ id: Type.String(), name: Type.String(), balance: Points('积分余额') })),
    market: Nullable(ref(MarketSchema)),
    items: Type.Array(ref(MarketItemSchema)),
  },
  { $id: 'MarketMine' },
);
export type MyMarket = Static<typeof MyMarketSchema>;

const ReportItem = Type.Object({
  itemId: Type.String(),
  name: Type.String(),
  kind: literalUnion(MARKET_ITEM_KINDS),
  unit: Type.String(),
  redeemed: Type.Integer({ description: '本月兑换数量' }),
  pointsTaken: Points('本月兑换积分'),
  donated: Type.Integer({ description: '本月捐赠入库数量' }),
  stockAtMonthEnd: Nullable(Type.Integer()),
  stock: Nullable(Type.Integer({ description: '现有库存（库存列）' })),
  movementSum: Nullable(Type.Integer({ description: '全部库存流水之和' })),
  balanced: Type.Boolean({ description: '账物相符：流水之和 = 库存' }),
});

export const MarketReportSchema = Type.Object(
  {
    market: ref(MarketSchema),
    month: Type.String(),
    redemptions: Type.Integer(),
    residents: Type.Integer({ description: '本月兑换人数' }),
    pointsTaken: Points('本月兑换积分（不含已取消、已过期）'),
    donations: Type.Integer({ description: '本月捐赠笔数' }),
    donated: Type.Integer({ description: '本月捐赠入库件数' }),
    items: Type.Array(ReportItem),
    balanced: Type.Boolean({ description: '全部商品账物相符' }),
  },
  { $id: 'MarketReport' },
);
export type MarketReport = Static<typeof MarketReportSchema>;
export const ReportQuery = Type.Object({ month: Month });

const RollupRow = Type.Object({
  code: Type.String(),
  name: Type.String(),
  markets: Type.Integer(),
  redemptions: Type.Integer(),
  pointsTaken: Points(),
  donated: Type.Integer(),
  stockAtMonthEnd: Type.Integer(),
  balanced: Type.Boolean(),
});
export const RollupSchema = Type.Object(
  {
    month: Type.String(),
    communities: Type.Array(RollupRow),
    streets: Type.Array(RollupRow),
  },
  { $id: 'MarketRollup' },
);
export type Rollup = Static<typeof RollupSchema>;
export type RollupRowType = Static<typeof RollupRow>;

export const MARKET_SCHEMAS = [
  MarketSchema,
  MarketItemSchema,
  MovementSchema,
  DonationSchema,
  CustomerSchema,
  RedemptionSchema,
  MyCodeSchema,
  MyMarketSchema,
  MarketReportSchema,
  RollupSchema,
];
