import {
  FUNDING_SOURCES,
  ORGANIZATION_ACTIONS,
  ORGANIZATION_GRADES,
  ORGANIZATION_KINDS,
  ORGANIZATION_STATES,
  ORGANIZATION_VENUES,
} from '@linli/common';
import { type Static, Type } from '@sinclair/typebox';
import { literalUnion, Nullable, Page, PageQuery, ref } from '../../platform/http-schemas.ts';
import { SORTS } from './organizations.repository.ts';
import { TIMELINE_KINDS } from './organizations.timeline.ts';

export const OrganizationKindSchema = literalUnion(ORGANIZATION_KINDS, { $id: 'OrganizationKind' });
export const OrganizationStateSchema = literalUnion(ORGANIZATION_STATES, { $id: 'OrganizationState' });
export const OrganizationVenueSchema = literalUnion(ORGANIZATION_VENUES, { $id: 'OrganizationVenue' });
export const OrganizationGradeSchema = literalUnion(ORGANIZATION_GRADES, { $id: 'OrganizationGrade' });
export const FundingSourceSchema = literalUnion(FUNDING_SOURCES, { $id: 'FundingSource' });

/** Inline copies for request schemas, so a bad value is reported against the field itself. */
const KindInput = literalUnion(ORGANIZATION_KINDS);
const StateInput = literalUnion(ORGANIZATION_STATES);
/** Fields and categories are codes of the district's editable lists, checked against the active entries. */
const CatalogCode = (description: string) => Type.String({ pattern: '^[a-z][a-z0-9_]{1,39}$', description });
const FieldInput = CatalogCode('服务领域代码（见 /organization-catalog）');
const CategoryInput = CatalogCode('类别代码（见 /organization-catalog）');
const VenueInput = literalUnion(ORGANIZATION_VENUES);
const GradeInput = literalUnion(ORGANIZATION_GRADES);
const ActionInput = literalUnion(ORGANIZATION_ACTIONS);

const DateText = Type.String({ format: 'date' });

export const OrganizationAbilitiesSchema = Type.Object(
  {
    update: Type.Boolean(),
    editFunding: Type.Boolean({ description: '可填报年度经费来源' }),
    verifyUscc: Type.Boolean({ description: '可人工核验未通过校验的历史统一社会信用代码' }),
    approveFiling: Type.Boolean(),
    register: Type.Boolean(),
    return: Type.Boolean(),
    resubmit: Type.Boolean(),
    suspend: Type.Boolean(),
    resume: Type.Boolean(),
    deregister: Type.Boolean(),
  },
  { $id: 'OrganizationAbilities' },
);

export const UsccManualCheckSchema = Type.Object(
  {
    by: Type.String(),
    byName: Type.String(),
    at: Type.String({ format: 'date-time' }),
    note: Type.String(),
  },
  { $id: 'UsccManualCheck' },
);

const summaryProperties = {
  id: Type.String(),
  name: Type.String(),
  kind: ref(OrganizationKindSchema),
  state: ref(OrganizationStateSchema),
  uscc: Nullable(Type.String({ description: '统一社会信用代码' })),
  usccManualCheck: Nullable(ref(UsccManualCheckSchema)),
  registeredOn: Nullable(DateText),
  filedOn: Nullable(DateText),
  divisionCode: Type.String(),
  divisionName: Type.String(),
  fields: Type.Array(Type.String({ description: '服务领域代码' })),
  category: Type.String({ description: '类别代码' }),
  venue: ref(OrganizationVenueSchema),
  grade: Nullable(ref(OrganizationGradeSchema)),
  fromOutside: Type.Boolean({ description: '域外入驻' }),
  staffCount: Type.Integer(),
  volunteerCount: Type.Integer(),
  version: Type.Integer(),
  abilities: ref(OrganizationAbilitiesSchema),
};

export const OrganizationSummarySchema = Type.Object(summaryProperties, { $id: 'OrganizationSummary' });

export const FundingSchema = Type.Object(
  {
    year: Type.Integer(),
    source: ref(FundingSourceSchema),
    amountFen: Type.Integer({ description: '金额（分）' }),
  },
  { $id: 'OrganizationFunding' },
);

export const OrganizationDetailSchema = Type.Object(
  {
    ...summaryProperties,
    registrationAuthority: Nullable(Type.String()),
    legalRepName: Nullable(Type.String()),
    contactPhone: Nullable(Type.String({ description: '脱敏的联系电话' })),
    address: Nullable(Type.String()),
    serviceArea: Nullable(Type.String()),
    tags: Type.Array(Type.String()),
    description: Nullable(Type.String()),
    funding: Type.Array(ref(FundingSchema)),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'OrganizationDetail' },
);

export const RegistrySummarySchema = Type.Object(
  {
    total: Type.Integer(),
    registered: Type.Integer({ description: '登记的社会组织（社会团体、民办非企业单位、基金会）' }),
    filed: Type.Integer({ description: '备案的社区社会组织' }),
    byKind: Type.Record(Type.String(), Type.Integer()),
    byState: Type.Record(Type.String(), Type.Integer()),
  },
  { $id: 'OrganizationRegistrySummary' },
);

export const HistoryEntrySchema = Type.Object(
  {
    id: Type.Integer(),
    action: Type.String(),
    actionName: Type.String(),
    fromState: Type.String(),
    toState: Type.String(),
    comment: Nullable(Type.String()),
    actorName: Type.String(),
    actorRole: Nullable(Type.String()),
    onBehalfName: Nullable(Type.String()),
    at: Type.String({ format: 'date-time' }),
  },
  { $id: 'OrganizationHistoryEntry' },
);

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

const Filters = {
  q: Type.Optional(
    Type.String({
      maxLength: 50,
      description: '检索词：名称、简介、服务范围按中文分词匹配（多个词须都出现），名称和简介也按字面包含匹配',
    }),
  ),
  kind: Type.Optional(KindInput),
  state: Type.Optional(StateInput),
  field: Type.Optional(FieldInput),
  category: Type.Optional(CategoryInput),
  grade: Type.Optional(GradeInput),
  divisionCode: Type.Optional(Type.String({ pattern: '^[0-9]{6,12}$', description: '区划代码前缀' })),
  fromOutside: Type.Optional(Type.Boolean()),
  venue: Type.Optional(VenueInput),
};

export const ListQuery = Type.Object({
  ...PageQuery,
  ...Filters,
  sort: Type.Optional(literalUnion(SORTS)),
  order: Type.Optional(literalUnion(['asc', 'desc'] as const)),
});
export const ExportQuery = Type.Object(Filters);

const Name = Type.String({ minLength: 2, maxLength: 100 });
const Uscc = Type.String({ maxLength: 30, description: '18 位统一社会信用代码' });
const DivisionCode = Type.String({
  pattern: '^([0-9]{9}|[0-9]{12})$',
  description: '所属街道（9 位）或社区（12 位）',
});
const Fields = Type.Array(FieldInput, { minItems: 1, uniqueItems: true, maxItems: 20 });
const Tags = Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { uniqueItems: true, maxItems: 20 });
const optional = {
  uscc: Type.Optional(Nullable(Uscc)),
  registrationAuthority: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  registeredOn: Type.Optional(Nullable(DateText)),
  filedOn: Type.Optional(Nullable(DateText)),
  legalRepName: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
  contactPhone: Type.Optional(
    Nullable(Type.String({ maxLength: 20, description: '手机号或带区号的固定电话' })),
  ),
  address: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  serviceArea: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  staffCount: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
  volunteerCount: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000000 })),
  venue: Type.Optional(VenueInput),
  tags: Type.Optional(Tags),
  fromOutside: Type.Optional(Type.Boolean()),
  description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
};

export const CreateOrganizationBody = Type.Object(
  {
    kind: KindInput,
    name: Name,
    divisionCode: DivisionCode,
    fields: Fields,
    category: CategoryInput,
    ...optional,
    usccManualNote: Type.Optional(
      Type.String({
        minLength: 2,
        maxLength: 200,
        description: '区民政局对未通过校验的历史代码的人工核验说明（仅区民政局管理员）',
      }),
    ),
  },
  { additionalProperties: false },
);

export const UpdateOrganizationBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    name: Type.Optional(Name),
    divisionCode: Type.Optional(DivisionCode),
    fields: Type.Optional(Fields),
    category: Type.Optional(CategoryInput),
    ...optional,
  },
  { additionalProperties: false },
);

export const TransitionBody = Type.Object(
  {
    action: ActionInput,
    version: Type.Integer({ minimum: 1 }),
    comment: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);

export const UsccVerificationBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    uscc: Uscc,
    note: Type.String({ minLength: 2, maxLength: 200, description: '人工核验的依据（如登记证书原件）' }),
  },
  { additionalProperties: false },
);

export const TimelineEntrySchema = Type.Object(
  {
    at: Type.String({ format: 'date-time' }),
    kind: literalUnion(TIMELINE_KINDS, {
      description: '来源：状态变更、信息修改、备案、年检、孵化、联合会……',
    }),
    title: Type.String(),
    detail: Nullable(Type.String()),
    actorName: Nullable(Type.String()),
  },
  { $id: 'OrganizationTimelineEntry' },
);

export const TimelineList = Type.Array(ref(TimelineEntrySchema));
/** One year's income by source, in fen (integers: money is never a float). */
export const FundingParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64 }),
  year: Type.Integer({ minimum: 1990, maximum: 2100 }),
});
const Fen = Type.Integer({ minimum: 0, maximum: 100_000_000_000, description: '金额（分），不小于 0' });
export const FundingBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    amountsFen: Type.Object(
      Object.fromEntries(FUNDING_SOURCES.map((s) => [s, Fen])) as Record<
        (typeof FUNDING_SOURCES)[number],
        typeof Fen
      >,
      { additionalProperties: false, description: '五种来源的全年金额（分）；全为 0 即清除该年' },
    ),
  },
  { additionalProperties: false },
);

export const OrganizationPage = Page(ref(OrganizationSummarySchema));
export const HistoryList = Type.Array(ref(HistoryEntrySchema));

export type OrganizationAbilities = Static<typeof OrganizationAbilitiesSchema>;
export type OrganizationSummary = Static<typeof OrganizationSummarySchema>;
export type OrganizationDetail = Static<typeof OrganizationDetailSchema>;
export type RegistrySummary = Static<typeof RegistrySummarySchema>;
export type HistoryItem = Static<typeof HistoryEntrySchema>;
export type OrganizationFilters = Static<typeof ExportQuery>;
export type ListInput = Static<typeof ListQuery>;
export type CreateOrganizationInput = Static<typeof CreateOrganizationBody>;
export type UpdateOrganizationInput = Static<typeof UpdateOrganizationBody>;
export type TransitionInputBody = Static<typeof TransitionBody>;
export type UsccVerificationInput = Static<typeof UsccVerificationBody>;
export type FundingInput = Static<typeof FundingBody>;

export const ImportQuery = Type.Object({
  dryRun: Type.Optional(
    Type.Boolean({ default: false, description: '只校验并列出将新增和修改的记录，不写入' }),
  ),
});

export const OrganizationImportResultSchema = Type.Object(
  {
    dryRun: Type.Boolean(),
    rows: Type.Integer({ description: '数据行数' }),
    created: Type.Integer({ description: '新增的组织数（导入后为待审核）' }),
    updated: Type.Integer({ description: '有修改的组织数' }),
    unchanged: Type.Integer({ description: '与名录一致、未作修改的行数' }),
    changes: Type.Array(
      Type.Object({
        row: Type.Integer({ description: 'Excel 行号' }),
        id: Nullable(Type.String({ description: '系统编号；新增的组织在试导入时为 null' })),
        name: Type.String(),
        action: literalUnion(['create', 'update'] as const),
        columns: Type.Array(Type.String(), { description: '修改的列（表头）' }),
      }),
    ),
  },
  { $id: 'OrganizationImportResult' },
);
export type OrganizationImportResult = Static<typeof OrganizationImportResultSchema>;

export const ORGANIZATION_SCHEMAS = [
  OrganizationImportResultSchema,
  OrganizationKindSchema,
  OrganizationStateSchema,
  OrganizationVenueSchema,
  OrganizationGradeSchema,
  FundingSourceSchema,
  OrganizationAbilitiesSchema,
  UsccManualCheckSchema,
  OrganizationSummarySchema,
  FundingSchema,
  OrganizationDetailSchema,
  RegistrySummarySchema,
  HistoryEntrySchema,
  TimelineEntrySchema,
];
