import {
  INCUBATION_ACTIONS,
  INCUBATION_CLASSES,
  INCUBATION_NEEDS,
  INCUBATION_SERVICE_TYPES,
  INCUBATION_STATES,
  ORGANIZATION_KINDS,
  ORGANIZATION_STATES,
} from '@linli/common';
import { type Static, Type } from '@sinclair/typebox';
import { literalUnion, Nullable, Page, PageQuery, ref } from '../../platform/http-schemas.ts';
import { INCUBATION_SORTS } from './incubation.repository.ts';

export const IncubationStateSchema = literalUnion(INCUBATION_STATES, { $id: 'IncubationState' });
export const IncubationClassSchema = literalUnion(INCUBATION_CLASSES, {
  $id: 'IncubationClass',
  description: 'R2.2 优先级：服务类优先发展、公益类扶持、活动类引导',
});
export const IncubationNeedSchema = literalUnion(INCUBATION_NEEDS, { $id: 'IncubationNeed' });

/** Null first: the validator coerces types, and a null tried against a number first would become 0. */
const DateText = Type.String({ format: 'date' });
const BranchCode = Type.String({
  pattern: '^[0-9]{9}$',
  description: '分基地（镇街社会组织服务中心）的镇街代码',
});

export const IncubationAbilitiesSchema = Type.Object(
  {
    admit: Type.Boolean(),
    reject: Type.Boolean(),
    start: Type.Boolean(),
    graduate: Type.Boolean(),
    exit: Type.Boolean(),
    editPlan: Type.Boolean({ description: '可修改孵化计划（导师、里程碑、服务记录）' }),
  },
  { $id: 'IncubationAbilities' },
);

const summaryProperties = {
  id: Type.String(),
  organizationId: Type.String(),
  organizationName: Type.String(),
  organizationKind: literalUnion(ORGANIZATION_KINDS),
  organizationState: literalUnion(ORGANIZATION_STATES),
  organizationCategory: Type.String({ description: '组织类别代码' }),
  divisionCode: Type.String({ description: '组织所属街道或社区' }),
  divisionName: Type.String(),
  branchCode: Nullable(Type.String({ description: '受理的分基地（镇街）；空为区孵化基地本部' })),
  branchName: Type.String(),
  state: ref(IncubationStateSchema),
  priorityClass: ref(IncubationClassSchema),
  queuePosition: Nullable(
    Type.Integer({ description: '待审核申请在全基地排队中的位次（按优先级再按申请日期）' }),
  ),
  applicantName: Type.String(),
  appliedOn: DateText,
  admittedOn: Nullable(DateText),
  startedOn: Nullable(DateText),
  endedOn: Nullable(DateText),
  milestonesTotal: Type.Integer(),
  milestonesDone: Type.Integer(),
  version: Type.Integer(),
  abilities: ref(IncubationAbilitiesSchema),
};

export const IncubationSummarySchema = Type.Object(summaryProperties, { $id: 'IncubationSummary' });

const mentorProperties = {
  name: Type.String({ minLength: 1, maxLength: 50 }),
  expertise: Type.String({ minLength: 1, maxLength: 100, description: '专长' }),
};
const milestoneProperties = {
  title: Type.String({ minLength: 1, maxLength: 100 }),
  dueOn: DateText,
  doneOn: Nullable(DateText),
};
const serviceProperties = {
  type: literalUnion(INCUBATION_SERVICE_TYPES),
  servedOn: DateText,
  hours: Nullable(
    Type.Number({ exclusiveMinimum: 0, maximum: 10000, description: '时长（小时，保留一位小数）' }),
  ),
  amountFen: Nullable(Type.Integer({ minimum: 0, maximum: 100_000_000_000, description: '金额（分）' })),
  note: Nullable(Type.String({ maxLength: 200 })),
};

export const MentorSchema = Type.Object(mentorProperties, { $id: 'IncubationMentor' });
export const MilestoneSchema = Type.Object(milestoneProperties, { $id: 'IncubationMilestone' });
export const ServiceSchema = Type.Object(serviceProperties, { $id: 'IncubationService' });

export const PlanSchema = Type.Object(
  {
    mentors: Type.Array(ref(MentorSchema)),
    milestones: Type.Array(ref(MilestoneSchema)),
    services: Type.Array(ref(ServiceSchema)),
  },
  { $id: 'IncubationPlan' },
);

export const IncubationHistoryEntrySchema = Type.Object(
  {
    id: Type.Integer(),
    action: Type.String(),
    actionName: Type.String(),
    fromState: Type.String(),
    toState: Type.String(),
    comment: Nullable(Type.String()),
    actorName: Type.String(),
    at: Type.String({ format: 'date-time' }),
  },
  { $id: 'IncubationHistoryEntry' },
);

export const IncubationDetailSchema = Type.Object(
  {
    ...summaryProperties,
    purpose: Type.String(),
    needs: Type.Array(ref(IncubationNeedSchema)),
    needsNote: Nullable(Type.String()),
    plan: ref(PlanSchema),
    history: Type.Array(ref(IncubationHistoryEntrySchema)),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'IncubationDetail' },
);

const StateCounts = Type.Record(Type.String(), Type.Integer());

export const IncubationBranchCountsSchema = Type.Object(
  {
    code: Nullable(Type.String({ description: '镇街代码；空为区孵化基地本部' })),
    name: Type.String(),
    total: Type.Integer(),
    byState: StateCounts,
  },
  { $id: 'IncubationBranchCounts' },
);

export const IncubationCountsSchema = Type.Object(
  {
    total: Type.Integer(),
    byState: StateCounts,
    byClass: StateCounts,
    branches: Type.Array(ref(IncubationBranchCountsSchema), {
      description: '区孵化基地本部及每个镇街分基地的分阶段数量',
    }),
  },
  { $id: 'IncubationCounts' },
);

export const IncubationCandidateSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    divisionName: Type.String(),
    kind: literalUnion(ORGANIZATION_KINDS),
    state: literalUnion(ORGANIZATION_STATES),
    priorityClass: ref(IncubationClassSchema),
  },
  { $id: 'IncubationCandidate' },
);

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

const Filters = {
  q: Type.Optional(Type.String({ maxLength: 50, description: '组织名称包含' })),
  state: Type.Optional(literalUnion(INCUBATION_STATES)),
  branch: Type.Optional(
    Type.String({ pattern: '^([0-9]{9}|base)$', description: '分基地镇街代码；base 为区孵化基地本部' }),
  ),
  priorityClass: Type.Optional(literalUnion(INCUBATION_CLASSES)),
  organizationId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
};

export const ListQuery = Type.Object({
  ...PageQuery,
  ...Filters,
  sort: Type.Optional(
    literalUnion(INCUBATION_SORTS, { description: '默认 priority：按优先级类别、再按申请日期' }),
  ),
});
export const ExportQuery = Type.Object(Filters);

export const CandidatesQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 50, description: '组织名称包含' })),
});

export const CreateIncubationBody = Type.Object(
  {
    organizationId: Type.String({ minLength: 1, maxLength: 64 }),
    branchCode: Nullable(BranchCode),
    applicantName: Type.String({ minLength: 2, maxLength: 50, description: '申请人（组织负责人或联系人）' }),
    purpose: Type.String({ minLength: 2, maxLength: 1000, description: '组织做什么、服务谁' }),
    needs: Type.Array(literalUnion(INCUBATION_NEEDS), {
      uniqueItems: true,
      maxItems: INCUBATION_NEEDS.length,
    }),
    needsNote: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    appliedOn: Type.Optional(DateText),
  },
  { additionalProperties: false },
);

export const TransitionBody = Type.Object(
  {
    action: literalUnion(INCUBATION_ACTIONS),
    version: Type.Integer({ minimum: 1 }),
    comment: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);

export const PlanBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    mentors: Type.Array(Type.Object(mentorProperties, { additionalProperties: false }), { maxItems: 20 }),
    milestones: Type.Array(Type.Object(milestoneProperties, { additionalProperties: false }), {
      maxItems: 50,
    }),
    services: Type.Array(Type.Object(serviceProperties, { additionalProperties: false }), {
      maxItems: 200,
    }),
  },
  { additionalProperties: false },
);

export const IncubationPage = Page(ref(IncubationSummarySchema));
export const CandidateList = Type.Array(ref(IncubationCandidateSchema));

export type IncubationAbilities = Static<typeof IncubationAbilitiesSchema>;
export type IncubationSummary = Static<typeof IncubationSummarySchema>;
export type IncubationDetail = Static<typeof IncubationDetailSchema>;
export type IncubationCounts = Static<typeof IncubationCountsSchema>;
export type IncubationCandidate = Static<typeof IncubationCandidateSchema>;
export type IncubationFilters = Static<typeof ExportQuery>;
export type ListInput = Static<typeof ListQuery>;
export type CreateIncubationInput = Static<typeof CreateIncubationBody>;
export type TransitionInputBody = Static<typeof TransitionBody>;
export type PlanInput = Static<typeof PlanBody>;
export type Plan = Static<typeof PlanSchema>;

export const INCUBATION_SCHEMAS = [
  IncubationStateSchema,
  IncubationClassSchema,
  IncubationNeedSchema,
  IncubationAbilitiesSchema,
  IncubationSummarySchema,
  MentorSchema,
  MilestoneSchema,
  ServiceSchema,
  PlanSchema,
  IncubationHistoryEntrySchema,
  IncubationDetailSchema,
  IncubationBranchCountsSchema,
  IncubationCountsSchema,
  IncubationCandidateSchema,
];
