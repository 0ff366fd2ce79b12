import type { EventStep } from './event-categories.ts';
import type { Locale } from './locale.ts';

/**
 * Grid events (issue #5 item 3): the closed loop of the digital urban-management case flow
 * (GB/T 30428): 上报 → 立案 → 派遣 → 处置 → 核查 → 结案 → 评价. The workflow itself is
 * `server/src/modules/events/events.workflow.ts`; these are the names both sides show.
 */
export const EVENT_STATES = [
  'reported',
  'filed',
  'not_filed',
  'merged',
  'dispatched',
  'handled',
  'closed',
  'rated',
] as const;
export type EventState = (typeof EVENT_STATES)[number];

/** States in which someone still has to act: the open events of lists, maps and the overdue timer. */
export const OPEN_EVENT_STATES: readonly EventState[] = ['reported', 'filed', 'dispatched', 'handled'];

/**
 * What the API takes in `POST /events/:id/transitions`. `rate` with rating `unsatisfied` on an event
 * never reopened before reopens it for re-handling (the workflow's internal `reopen`).
 */
export const EVENT_ACTIONS = [
  'file',
  'reject',
  'merge',
  'dispatch',
  'handle',
  'return',
  'verifyPass',
  'verifyFail',
  'rate',
  'urge',
  'supervise',
  'requestExtension',
  'grantExtension',
  'refuseExtension',
  'note',
] as const;
export type EventAction = (typeof EVENT_ACTIONS)[number];

/** The workflow's actions: the API's, the creation step and the reopening by an unsatisfied rating. */
export type EventWorkflowAction = EventAction | 'report' | 'reopen';

export const EVENT_SOURCES = ['patrol', 'resident', 'phone', 'open311'] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];

export const EVENT_RATINGS = ['satisfied', 'basic', 'unsatisfied'] as const;
export type EventRating = (typeof EVENT_RATINGS)[number];

export const EVENT_DEPARTMENT_ROLES = ['lead', 'assist'] as const;
export type EventDepartmentRole = (typeof EVENT_DEPARTMENT_ROLES)[number];

export const EVENT_PHOTO_STAGES = ['report', 'handle', 'verify'] as const;
export type EventPhotoStage = (typeof EVENT_PHOTO_STAGES)[number];

export const EXTENSION_STATES = ['pending', 'granted', 'refused'] as const;
export type ExtensionState = (typeof EXTENSION_STATES)[number];

/** The step (and its category time limit) an event is in while in a state; final states have none. */
export const EVENT_STATE_STEP: Partial<Record<EventState, EventStep>> = {
  reported: 'accept',
  filed: 'dispatch',
  dispatched: 'handle',
  handled: 'verify',
};

/** Lists: newest report first by default. */
export const EVENT_SORTS = ['-reportedAt', 'reportedAt', 'dueAt', '-updatedAt'] as const;
export type EventSort = (typeof EVENT_SORTS)[number];

/** The most working days one extension may add. */
export const EVENT_EXTENSION_MAX_DAYS = 30;

/** How near (metres) and how recent (days) a report of the same category counts as a likely duplicate. */
export const EVENT_DUPLICATE_METRES = 200;
export const EVENT_DUPLICATE_DAYS = 7;

export const EVENT_STATE_NAMES: Record<Locale, Record<EventState, string>> = {
  'zh-CN': {
    reported: '已上报',
    filed: '已立案',
    not_filed: '不予立案',
    merged: '已合并',
    dispatched: '处置中',
    handled: '待核查',
    closed: '已结案',
    rated: '已评价',
  },
  'en-US': {
    reported: 'Reported',
    filed: 'Filed',
    not_filed: 'Not filed',
    merged: 'Merged',
    dispatched: 'Being handled',
    handled: 'Awaiting verification',
    closed: 'Closed',
    rated: 'Rated',
  },
};

export const EVENT_ACTION_NAMES: Record<Locale, Record<EventWorkflowAction, string>> = {
  'zh-CN': {
    report: '上报',
    file: '立案',
    reject: '不予立案',
    merge: '合并',
    dispatch: '派遣',
    handle: '处置',
    return: '退单',
    verifyPass: '核查通过',
    verifyFail: '核查不通过',
    rate: '评价',
    reopen: '不满意重办',
    urge: '催办',
    supervise: '督办',
    requestExtension: '申请延期',
    grantExtension: '同意延期',
    refuseExtension: '不同意延期',
    note: '添加备注',
  },
  'en-US': {
    report: 'Report',
    file: 'File',
    reject: 'Decline to file',
    merge: 'Merge',
    dispatch: 'Dispatch',
    handle: 'Handle',
    return: 'Return',
    verifyPass: 'Verification passed',
    verifyFail: 'Verification failed',
    rate: 'Rate',
    reopen: 'Reopened (unsatisfied)',
    urge: 'Urge',
    supervise: 'Supervise',
    requestExtension: 'Request extension',
    grantExtension: 'Grant extension',
    refuseExtension: 'Refuse extension',
    note: 'Add note',
  },
};

export const EVENT_SOURCE_NAMES: Record<Locale, Record<EventSource, string>> = {
  'zh-CN': { patrol: '网格员巡查', resident: '居民上报', phone: '电话反映', open311: '外部接入' },
  'en-US': { patrol: 'Grid patrol', resident: 'Resident', phone: 'Phone call', open311: 'Open311 client' },
};

export const EVENT_RATING_NAMES: Record<Locale, Record<EventRating, string>> = {
  'zh-CN': { satisfied: '满意', basic: '基本满意', unsatisfied: '不满意' },
  'en-US': { satisfied: 'Satisfied', basic: 'Basically satisfied', unsatisfied: 'Not satisfied' },
};

export const EVENT_DEPARTMENT_ROLE_NAMES: Record<Locale, Record<EventDepartmentRole, string>> = {
  'zh-CN': { lead: '主办', assist: '协办' },
  'en-US': { lead: 'Lead', assist: 'Assisting' },
};

export const EXTENSION_STATE_NAMES: Record<Locale, Record<ExtensionState, string>> = {
  'zh-CN': { pending: '待审批', granted: '已同意', refused: '未同意' },
  'en-US': { pending: 'Pending', granted: 'Granted', refused: 'Refused' },
};

export const EVENT_PHOTO_STAGE_NAMES: Record<Locale, Record<EventPhotoStage, string>> = {
  'zh-CN': { report: '上报照片', handle: '处置照片', verify: '核查照片' },
  'en-US': { report: 'Report photo', handle: 'Handling photo', verify: 'Verification photo' },
};
