import type { Locale } from './locale.ts';

/**
 * Contracts (签约落位) and their in-process and post evaluations (事中评价, 事后评估), issue #7
 * items 4–5: states, actions, tranche gates, the tranche split, and this module's error codes and
 * messages (spread into the shared catalogs).
 */

export const CONTRACT_STATES = [
  'draft',
  'signed',
  'in_progress',
  'suspended',
  'final_review',
  'closed',
  'terminated',
] as const;
export type ContractState = (typeof CONTRACT_STATES)[number];

/** District: sign, terminate; organization (or district): start, request_final; evaluator: the outcomes. */
export const CONTRACT_ACTIONS = [
  'sign',
  'start',
  'request_final',
  'terminate',
  'pass_mid',
  'fail_mid',
  'pass_final',
  'fail_final',
] as const;
export type ContractAction = (typeof CONTRACT_ACTIONS)[number];

export const CONTRACT_STATE_NAMES: Record<Locale, Record<ContractState, string>> = {
  'zh-CN': {
    draft: '待签约',
    signed: '已签约',
    in_progress: '实施中',
    suspended: '暂停拨付',
    final_review: '待验收',
    closed: '已结项',
    terminated: '已终止',
  },
  'en-US': {
    draft: 'To sign',
    signed: 'Signed',
    in_progress: 'In progress',
    suspended: 'Payments suspended',
    final_review: 'Final review',
    closed: 'Closed',
    terminated: 'Terminated',
  },
};

export const CONTRACT_ACTION_NAMES: Record<Locale, Record<ContractAction, string>> = {
  'zh-CN': {
    sign: '签订合同',
    start: '项目启动',
    request_final: '申请结项验收',
    terminate: '终止合同',
    pass_mid: '事中评价合格',
    fail_mid: '事中评价不合格，暂停拨付',
    pass_final: '事后评估合格，验收结项',
    fail_final: '事后评估不合格，限期整改',
  },
  'en-US': {
    sign: 'Sign',
    start: 'Start',
    request_final: 'Request final acceptance',
    terminate: 'Terminate',
    pass_mid: 'Mid-term evaluation passed',
    fail_mid: 'Mid-term evaluation failed; payments suspended',
    pass_final: 'Final evaluation passed; project closed',
    fail_final: 'Final evaluation failed; rectification required',
  },
};

/** What releases a tranche: the signing, a passed mid-term evaluation, a passed final evaluation. */
export const TRANCHE_GATES = ['signing', 'mid', 'final'] as const;
export type TrancheGate = (typeof TRANCHE_GATES)[number];

export const TRANCHE_GATE_NAMES: Record<Locale, Record<TrancheGate, string>> = {
  'zh-CN': { signing: '签约后', mid: '事中评价合格后', final: '事后评估合格后' },
  'en-US': { signing: 'On signing', mid: 'After the mid-term evaluation', final: 'After final acceptance' },
};

export const EVALUATION_KINDS = ['mid', 'final'] as const;
export type EvaluationKind = (typeof EVALUATION_KINDS)[number];
export const EVALUATION_KIND_NAMES: Record<Locale, Record<EvaluationKind, string>> = {
  'zh-CN': { mid: '事中评价', final: '事后评估' },
  'en-US': { mid: 'Mid-term evaluation', final: 'Final evaluation' },
};

export const EVALUATION_RESULTS = ['pass', 'fail'] as const;
export type EvaluationResult = (typeof EVALUATION_RESULTS)[number];
export const EVALUATION_RESULT_NAMES: Record<Locale, Record<EvaluationResult, string>> = {
  'zh-CN': { pass: '合格', fail: '不合格' },
  'en-US': { pass: 'Pass', fail: 'Fail' },
};

export interface TrancheSpec {
  gate: TrancheGate;
  percent: number;
}

/** The usual split: 40% on signing, 40% after the mid-term evaluation, 20% on final acceptance. */
export const DEFAULT_TRANCHES: readonly TrancheSpec[] = [
  { gate: 'signing', percent: 40 },
  { gate: 'mid', percent: 40 },
  { gate: 'final', percent: 20 },
];

/** Why a tranche plan is not usable, or null: percentages summing to 100, gates in their order. */
export function tranchePlanProblem(tranches: readonly TrancheSpec[]): 'sum' | 'order' | null {
  if (tranches.reduce((s, t) => s + t.percent, 0) !== 100) return 'sum';
  const rank = (g: TrancheGate) => TRANCHE_GATES.indexOf(g);
  for (let i = 1; i < tranches.length; i++)
    if (rank(tranches[i]!.gate) < rank(tranches[i - 1]!.gate)) return 'order';
  return null;
}

/** Each tranche's amount in fen: its percentage rounded down, the rounding remainder on the last. */
export function splitTranches(amountFen: number, tranches: readonly TrancheSpec[]): number[] {
  const amounts = tranches.map((t) => Math.floor((amountFen * t.percent) / 100));
  const rest = amountFen - amounts.reduce((s, a) => s + a, 0);
  if (amounts.length > 0) amounts[amounts.length - 1]! += rest;
  return amounts;
}

/** Residents' satisfaction rate in percent with one decimal (0 when nobody was asked). */
export function satisfactionRate(asked: number, satisfied: number): number {
  return asked > 0 ? Math.round((satisfied / asked) * 1000) / 10 : 0;
}

/** A resident's answer to the satisfaction questionnaire of a project under evaluation (issue #7 item 8). */
export const FEEDBACK_ANSWERS = ['satisfied', 'basically', 'dissatisfied'] as const;
export type FeedbackAnswer = (typeof FEEDBACK_ANSWERS)[number];

export const FEEDBACK_ANSWER_NAMES: Record<Locale, Record<FeedbackAnswer, string>> = {
  'zh-CN': { satisfied: '满意', basically: '基本满意', dissatisfied: '不满意' },
  'en-US': { satisfied: 'Satisfied', basically: 'Mostly satisfied', dissatisfied: 'Dissatisfied' },
};

export const CONTRACT_ERROR_STATUS = {
  'contract.notFound': 404,
  'contract.applicationNotAwarded': 409,
  'contract.exists': 409,
  'contract.overAwarded': 400,
  'contract.invalidTranches': 400,
  'contract.invalidTerm': 400,
  'contract.evaluatorNotFound': 400,
  'contract.notEditable': 409,
  'contract.notEvaluator': 403,
  'contract.evaluationNotDue': 409,
  'contract.rectificationsRequired': 400,
  'contract.invalidSample': 400,
  'contract.invalidScore': 400,
  'contract.photoNotFound': 400,
  'contract.gateNotPassed': 409,
  'contract.rectificationNotFound': 404,
  'contract.rectificationReported': 409,
  'contract.notRectifying': 409,
  'contract.feedbackClosed': 409,
  'contract.feedbackExists': 409,
} as const;
export type ContractErrorCode = keyof typeof CONTRACT_ERROR_STATUS;

export const CONTRACT_ERROR_MESSAGES: Record<Locale, Record<ContractErrorCode, string>> = {
  'zh-CN': {
    'contract.notFound': '找不到该合同',
    'contract.applicationNotAwarded': '只有已立项的申报可以签约',
    'contract.exists': '该项目已有合同，请在原合同上操作',
    'contract.overAwarded': '合同金额不能超过立项金额 {awarded} 元',
    'contract.invalidTranches': '拨付计划有误：{reason}',
    'contract.invalidTerm': '合同结束日期不能早于开始日期',
    'contract.evaluatorNotFound': '所选第三方评估机构账号不存在或已停用',
    'contract.notEditable': '只有待签约的合同可以修改（当前为“{stateName}”）',
    'contract.notEvaluator': '只有本项目指定的第三方评估机构可以提交评价',
    'contract.evaluationNotDue': '当前不能提交{kindName}：{reason}',
    'contract.rectificationsRequired': '评价不合格时须列出整改要求（事项和期限）',
    'contract.invalidSample': '满意人数不能超过调查人数',
    'contract.invalidScore': '指标“{name}”的得分须在 0 到 {max} 分之间',
    'contract.photoNotFound': '所附照片不存在或不属于本合同',
    'contract.gateNotPassed': '该笔拨付的条件（{gateName}）尚未满足，不能拨付',
    'contract.rectificationNotFound': '找不到该整改事项',
    'contract.rectificationReported': '该整改事项已报告完成',
    'contract.notRectifying': '合同当前为“{stateName}”，不在整改期，不能报告整改',
    'contract.feedbackClosed': '该项目当前不在评估期，暂不收集满意度评价',
    'contract.feedbackExists': '您已评价过本次评估，不能重复评价',
  },
  'en-US': {
    'contract.notFound': 'The contract was not found',
    'contract.applicationNotAwarded': 'Only an awarded application can be contracted',
    'contract.exists': 'This project already has a contract; act on that one',
    'contract.overAwarded': 'The contract amount cannot exceed the awarded {awarded} yuan',
    'contract.invalidTranches': 'The payment plan is wrong: {reason}',
    'contract.invalidTerm': 'The contract cannot end before it starts',
    'contract.evaluatorNotFound': 'The chosen evaluator account does not exist or is disabled',
    'contract.notEditable': 'Only a contract still to be signed can be changed (this one is “{stateName}”)',
    'contract.notEvaluator': 'Only the evaluator assigned to this project may submit evaluations',
    'contract.evaluationNotDue': 'A {kindName} cannot be submitted now: {reason}',
    'contract.rectificationsRequired':
      'A failed evaluation must list rectification requests (item and deadline)',
    'contract.invalidSample': 'The satisfied count cannot exceed the number asked',
    'contract.invalidScore': 'The score of “{name}” must be between 0 and {max}',
    'contract.photoNotFound': 'An attached photo does not exist or belongs to another contract',
    'contract.gateNotPassed': 'This tranche’s condition ({gateName}) has not been met; it cannot be paid',
    'contract.rectificationNotFound': 'The rectification request was not found',
    'contract.rectificationReported': 'This rectification has already been reported done',
    'contract.notRectifying':
      'The contract is “{stateName}”, not under rectification; nothing can be reported',
    'contract.feedbackClosed': 'The project is not under evaluation now; feedback is not being collected',
    'contract.feedbackExists': 'You have already answered for this evaluation',
  },
};

/** Workflow guard reasons of the contract lifecycle (field problems). */
export const CONTRACT_FIELD_PROBLEMS = [
  'contract.midNotPassed',
  'contract.midAlreadyPassed',
  'contract.rectificationsOpen',
  'contract.noEvaluator',
] as const;
export type ContractFieldProblem = (typeof CONTRACT_FIELD_PROBLEMS)[number];

export const CONTRACT_FIELD_PROBLEM_MESSAGES: Record<Locale, Record<ContractFieldProblem, string>> = {
  'zh-CN': {
    'contract.midNotPassed': '事中评价尚未合格',
    'contract.midAlreadyPassed': '事中评价已经合格',
    'contract.rectificationsOpen': '还有 {count} 项整改未报告完成',
    'contract.noEvaluator': '尚未指定第三方评估机构',
  },
  'en-US': {
    'contract.midNotPassed': 'the mid-term evaluation has not passed yet',
    'contract.midAlreadyPassed': 'the mid-term evaluation has already passed',
    'contract.rectificationsOpen': '{count} rectification requests are not reported done yet',
    'contract.noEvaluator': 'no evaluator is assigned',
  },
};
