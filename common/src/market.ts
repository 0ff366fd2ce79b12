import type { Locale } from './locale.ts';

/**
 * Love supermarkets (爱心超市, issue #6 item 4): residents exchange the points they earned for goods
 * and services. Prices are in hundredths of a point, like the points ledger (standards.md §8.4:
 * goods priced in points, every redemption logged so 账物相符).
 */

export const MARKET_ITEM_KINDS = ['goods', 'service'] as const;
export type MarketItemKind = (typeof MARKET_ITEM_KINDS)[number];

export const MARKET_ITEM_KIND_NAMES: Record<Locale, Record<MarketItemKind, string>> = {
  'zh-CN': { goods: '物品', service: '服务' },
  'en-US': { goods: 'Goods', service: 'Service' },
};

/** Where a donation came from (捐赠来源). */
export const DONOR_KINDS = ['enterprise', 'government', 'social_org', 'individual'] as const;
export type DonorKind = (typeof DONOR_KINDS)[number];

export const DONOR_KIND_NAMES: Record<Locale, Record<DonorKind, string>> = {
  'zh-CN': { enterprise: '企业', government: '机关', social_org: '社会组织', individual: '个人' },
  'en-US': {
    enterprise: 'Enterprise',
    government: 'Government office',
    social_org: 'Social organization',
    individual: 'Individual',
  },
};

/**
 * Stock movements, append-only; their sum per item is the item's stock (账物相符). A reservation
 * holds stock (out) and a cancellation or expiry releases it (in); a counter redemption is out.
 */
export const STOCK_MOVEMENT_KINDS = [
  'donation',
  'redemption',
  'hold',
  'release',
  'adjustment',
  'stocktake',
] as const;
export type StockMovementKind = (typeof STOCK_MOVEMENT_KINDS)[number];

export const STOCK_MOVEMENT_KIND_NAMES: Record<Locale, Record<StockMovementKind, string>> = {
  'zh-CN': {
    donation: '捐赠入库',
    redemption: '兑换出库',
    hold: '预约锁定',
    release: '预约释放',
    adjustment: '库存调整',
    stocktake: '盘点',
  },
  'en-US': {
    donation: 'Donation in',
    redemption: 'Redemption out',
    hold: 'Reservation hold',
    release: 'Reservation release',
    adjustment: 'Adjustment',
    stocktake: 'Stocktake',
  },
};

export const REDEMPTION_CHANNELS = ['counter', 'online'] as const;
export type RedemptionChannel = (typeof REDEMPTION_CHANNELS)[number];

export const REDEMPTION_CHANNEL_NAMES: Record<Locale, Record<RedemptionChannel, string>> = {
  'zh-CN': { counter: '柜台兑换', online: '线上预约' },
  'en-US': { counter: 'At the counter', online: 'Reserved online' },
};

export const REDEMPTION_STATES = ['reserved', 'picked_up', 'cancelled', 'expired'] as const;
export type RedemptionState = (typeof REDEMPTION_STATES)[number];

export const REDEMPTION_STATE_NAMES: Record<Locale, Record<RedemptionState, string>> = {
  'zh-CN': { reserved: '待领取', picked_up: '已领取', cancelled: '已取消', expired: '已过期' },
  'en-US': { reserved: 'To pick up', picked_up: 'Picked up', cancelled: 'Cancelled', expired: 'Expired' },
};

export const REDEMPTION_ACTIONS = ['pick_up', 'cancel', 'expire'] as const;
export type RedemptionAction = (typeof REDEMPTION_ACTIONS)[number];

export const REDEMPTION_ACTION_NAMES: Record<Locale, Record<RedemptionAction, string>> = {
  'zh-CN': { pick_up: '领取', cancel: '取消预约', expire: '逾期未领' },
  'en-US': { pick_up: 'Pick up', cancel: 'Cancel reservation', expire: 'Expire' },
};

/** An online reservation not picked up within this many days expires and its points are refunded. */
export const RESERVATION_DAYS = 3;
/** The resident's counter code (QR) is valid this long. */
export const CUSTOMER_CODE_MINUTES = 10;

/** Error codes of this module with their HTTP status (spread into ERROR_STATUS). */
export const MARKET_ERROR_STATUS = {
  'market.notFound': 404,
  'market.alreadyExists': 409,
  'market.notCommunity': 400,
  'market.itemNotFound': 404,
  'market.itemNameTaken': 409,
  'market.itemInactive': 409,
  'market.outOfStock': 409,
  'market.stockBelowZero': 409,
  'market.serviceHasNoStock': 400,
  'market.invalidLines': 400,
  'market.invalidCode': 400,
  'market.customerNotFound': 404,
  'market.notVolunteer': 404,
  'market.redemptionNotFound': 404,
  'market.pickupCodeNotFound': 404,
  'market.idempotencyConflict': 409,
  'market.invalidMonth': 400,
  'market.reasonRequired': 400,
} as const;

type MarketErrorCode = keyof typeof MARKET_ERROR_STATUS;

export const MARKET_MESSAGES: Record<Locale, Record<MarketErrorCode, string>> = {
  'zh-CN': {
    'market.notFound': '找不到该爱心超市，或它不在您的管辖范围内',
    'market.alreadyExists': '该社区已有爱心超市，每个社区一个',
    'market.notCommunity': '爱心超市须设在社区（村）一级，请选择社区',
    'market.itemNotFound': '找不到该商品或服务',
    'market.itemNameTaken': '本超市已有名为“{name}”的商品或服务',
    'market.itemInactive': '“{name}”已下架，不能兑换',
    'market.outOfStock': '“{name}”库存不足：现有 {stock}，本次需 {requested}',
    'market.stockBelowZero': '调整后“{name}”的库存将小于 0（现有 {stock}）',
    'market.serviceHasNoStock': '服务类项目没有库存，无需入库或盘点',
    'market.invalidLines': '请至少选择一件商品或服务，每项数量 1–99，且不要重复',
    'market.invalidCode': '居民码无效或已过期，请让居民刷新后重新出示',
    'market.customerNotFound': '没有找到使用该手机号的志愿者，请核对号码或让居民出示居民码',
    'market.notVolunteer': '您还没有注册志愿者，注册并参加志愿服务后即可获得积分兑换',
    'market.redemptionNotFound': '找不到该兑换记录',
    'market.pickupCodeNotFound': '没有待领取的预约使用该取货码，请核对',
    'market.idempotencyConflict': '该请求编号已用于另一笔不同的兑换',
    'market.invalidMonth': '月份格式应为 YYYY-MM',
    'market.reasonRequired': '库存调整须填写原因',
  },
  'en-US': {
    'market.notFound': 'The love supermarket was not found or is outside your scope',
    'market.alreadyExists': 'This community already has a love supermarket (one per community)',
    'market.notCommunity': 'A love supermarket belongs to a community or village; choose one',
    'market.itemNotFound': 'The item was not found',
    'market.itemNameTaken': 'This supermarket already has an item named “{name}”',
    'market.itemInactive': '“{name}” is no longer offered',
    'market.outOfStock': 'Not enough “{name}” in stock: {stock} left, {requested} requested',
    'market.stockBelowZero': 'This would take the stock of “{name}” below zero (now {stock})',
    'market.serviceHasNoStock': 'Services have no stock to receive or count',
    'market.invalidLines': 'Choose at least one item, 1–99 each, without repeating an item',
    'market.invalidCode': 'The resident code is invalid or expired; ask the resident to refresh it',
    'market.customerNotFound': 'No volunteer uses this mobile number; check it or scan the resident code',
    'market.notVolunteer': 'Register as a volunteer and serve to earn points you can redeem here',
    'market.redemptionNotFound': 'The redemption was not found',
    'market.pickupCodeNotFound': 'No reservation waiting for pickup has this code',
    'market.idempotencyConflict': 'This request key was already used for a different redemption',
    'market.invalidMonth': 'The month must be written YYYY-MM',
    'market.reasonRequired': 'A stock adjustment needs a reason',
  },
};
