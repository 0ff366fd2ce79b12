import { CONSENT_PURPOSES, GENDERS, RESIDENT_TAGS, REVEALABLE_FIELDS } from '@linli/common';
import { type Static, Type } from '@sinclair/typebox';
import { literalUnion, Nullable, Page, PageQuery, ref } from '../../platform/http-schemas.ts';

export const ResidentTagSchema = literalUnion(RESIDENT_TAGS, { $id: 'ResidentTag' });
export const GenderSchema = literalUnion(GENDERS, { $id: 'Gender' });
export const ConsentPurposeSchema = literalUnion(CONSENT_PURPOSES, { $id: 'ConsentPurpose' });
/** Inline copies for request schemas, so a bad value is reported against the field itself. */
const TagInput = literalUnion(RESIDENT_TAGS);
const PurposeInput = literalUnion(CONSENT_PURPOSES);
const RevealFieldInput = literalUnion(REVEALABLE_FIELDS);

const DivisionCode = Type.String({
  pattern: '^([0-9]{12}|[0-9]{15})$',
  description: '所属社区（12 位）或网格（15 位）代码',
});

export const ResidentAbilitiesSchema = Type.Object(
  {
    update: Type.Boolean(),
    delete: Type.Boolean(),
    reveal: Type.Boolean({ description: '可查看完整身份证号和手机号（留痕）' }),
    recordConsent: Type.Boolean({ description: '正在为该居民代办，可代为记录同意' }),
    act: Type.Boolean({ description: '可为该居民代办' }),
  },
  { $id: 'ResidentAbilities' },
);

const summaryProperties = {
  id: Type.String(),
  name: Type.String(),
  gender: ref(GenderSchema),
  age: Type.Integer({ description: '周岁（按北京时间今天计算）' }),
  idNumber: Type.String({ description: '脱敏的公民身份号码，如 2201**********1234' }),
  phone: Nullable(Type.String({ description: '脱敏的手机号码，如 138****5678' })),
  address: Nullable(Type.String()),
  divisionCode: Type.String(),
  divisionName: Type.String(),
  tags: Type.Array(ref(ResidentTagSchema)),
  hasAccount: Type.Boolean(),
  version: Type.Integer(),
  abilities: ref(ResidentAbilitiesSchema),
};

export const ResidentSummarySchema = Type.Object(summaryProperties, { $id: 'ResidentSummary' });

export const ResidentDetailSchema = Type.Object(
  {
    ...summaryProperties,
    householdNo: Nullable(Type.String({ description: '户号' })),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    createdByName: Type.String({ description: '登记人' }),
    onBehalfOf: Nullable(Type.String({ description: '登记时代办的居民 ID' })),
  },
  { $id: 'ResidentDetail' },
);

export const ResidentConsentSchema = Type.Object(
  {
    id: Type.Integer(),
    residentId: Type.String(),
    purpose: ref(ConsentPurposeSchema),
    given: Type.Boolean({ description: 'true 同意，false 撤回同意' }),
    note: Nullable(Type.String()),
    recordedAt: Type.String({ format: 'date-time' }),
    recordedByName: Type.String({ description: '代为记录的工作人员' }),
    onBehalfOf: Nullable(Type.String()),
    onBehalfOfName: Nullable(Type.String({ description: '表示同意的居民' })),
  },
  { $id: 'ResidentConsent' },
);

export const RevealResultSchema = Type.Object(
  {
    id: Type.String(),
    idNumber: Type.Optional(Type.String()),
    phone: Type.Optional(Nullable(Type.String())),
  },
  { $id: 'ResidentReveal' },
);

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

const Filters = {
  q: Type.Optional(Type.String({ maxLength: 50, description: '姓名包含' })),
  idNumber: Type.Optional(Type.String({ maxLength: 30, description: '完整公民身份号码（精确匹配）' })),
  phone: Type.Optional(Type.String({ maxLength: 20, description: '完整手机号码（精确匹配）' })),
  divisionCode: Type.Optional(Type.String({ pattern: '^[0-9]{6,15}$', description: '区划代码前缀' })),
  tag: Type.Optional(TagInput),
};

export const ListQuery = Type.Object({ ...PageQuery, ...Filters });
export const ExportQuery = Type.Object(Filters);

const Name = Type.String({ minLength: 1, maxLength: 50 });
const IdNumber = Type.String({ minLength: 1, maxLength: 30, description: '18 位公民身份号码' });
const Phone = Type.String({ maxLength: 20, description: '11 位手机号码' });
const Address = Type.String({ maxLength: 200 });
const HouseholdNo = Type.String({ maxLength: 50 });
const Tags = Type.Array(TagInput, { uniqueItems: true, maxItems: RESIDENT_TAGS.length });

export const CreateResidentBody = Type.Object(
  {
    name: Name,
    idNumber: IdNumber,
    phone: Type.Optional(Nullable(Phone)),
    address: Type.Optional(Nullable(Address)),
    divisionCode: DivisionCode,
    householdNo: Type.Optional(Nullable(HouseholdNo)),
    tags: Type.Optional(Tags),
  },
  { additionalProperties: false },
);

export const UpdateResidentBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    name: Type.Optional(Name),
    idNumber: Type.Optional(IdNumber),
    phone: Type.Optional(Nullable(Phone)),
    address: Type.Optional(Nullable(Address)),
    divisionCode: Type.Optional(DivisionCode),
    householdNo: Type.Optional(Nullable(HouseholdNo)),
    tags: Type.Optional(Tags),
  },
  { additionalProperties: false },
);

export const DeleteQuery = Type.Object({ version: Type.Integer({ minimum: 1 }) });

export const RevealBody = Type.Object(
  {
    fields: Type.Array(RevealFieldInput, { minItems: 1, uniqueItems: true }),
    reason: Type.String({ minLength: 2, maxLength: 200, description: '查看完整信息的事由（记入审计日志）' }),
  },
  { additionalProperties: false },
);

export const RecordConsentBody = Type.Object(
  {
    purpose: PurposeInput,
    given: Type.Boolean(),
    note: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  },
  { additionalProperties: false },
);

export const ResidentPage = Page(ref(ResidentSummarySchema));
export const ConsentPage = Page(ref(ResidentConsentSchema));
export const ConsentQuery = Type.Object(PageQuery);

export type ResidentAbilities = Static<typeof ResidentAbilitiesSchema>;
export type ResidentSummary = Static<typeof ResidentSummarySchema>;
export type ResidentDetail = Static<typeof ResidentDetailSchema>;
export type ResidentConsent = Static<typeof ResidentConsentSchema>;
export type RevealResult = Static<typeof RevealResultSchema>;
export type ResidentFilters = Static<typeof ExportQuery>;
export type CreateResidentInput = Static<typeof CreateResidentBody>;
export type UpdateResidentInput = Static<typeof UpdateResidentBody>;
export type RevealInput = Static<typeof RevealBody>;
export type RecordConsentInput = Static<typeof RecordConsentBody>;

export const RESIDENT_SCHEMAS = [
  ResidentTagSchema,
  GenderSchema,
  ConsentPurposeSchema,
  ResidentAbilitiesSchema,
  ResidentSummarySchema,
  ResidentDetailSchema,
  ResidentConsentSchema,
  RevealResultSchema,
];
