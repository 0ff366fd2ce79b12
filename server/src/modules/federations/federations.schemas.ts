import { type Static, Type } from '@sinclair/typebox';
import { literalUnion, Nullable, Page, PageQuery, ref } from '../../platform/http-schemas.ts';

/** What a federation gathers (R2.3): one kind of organization within a street. */
export const FEDERATION_KINDS = [
  'property_management',
  'maker',
  'internet_platform',
  'elderly_care',
  'social_work',
  'culture_sports',
  'other',
] as const;
export type FederationKind = (typeof FEDERATION_KINDS)[number];

/** 会长 / 副会长 / 成员. */
export const MEMBER_ROLES = ['president', 'vice_president', 'member'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const FEDERATION_KIND_NAMES: Record<'zh-CN' | 'en-US', Record<FederationKind, string>> = {
  'zh-CN': {
    property_management: '物业企业',
    maker: '创客',
    internet_platform: '互联网平台基地',
    elderly_care: '养老服务',
    social_work: '社会工作',
    culture_sports: '文体',
    other: '其他',
  },
  'en-US': {
    property_management: 'Property companies',
    maker: 'Makers',
    internet_platform: 'Internet platform base',
    elderly_care: 'Elderly care',
    social_work: 'Social work',
    culture_sports: 'Culture and sports',
    other: 'Other',
  },
};

export const MEMBER_ROLE_NAMES: Record<'zh-CN' | 'en-US', Record<MemberRole, string>> = {
  'zh-CN': { president: '会长', vice_president: '副会长', member: '成员' },
  'en-US': { president: 'President', vice_president: 'Vice president', member: 'Member' },
};

export const FederationKindSchema = literalUnion(FEDERATION_KINDS, { $id: 'FederationKind' });
export const MemberRoleSchema = literalUnion(MEMBER_ROLES, { $id: 'FederationMemberRole' });

const DateText = Type.String({ format: 'date' });

export const FederationAbilitiesSchema = Type.Object(
  {
    update: Type.Boolean(),
    manageMembers: Type.Boolean(),
    recordMoveIn: Type.Boolean(),
  },
  { $id: 'FederationAbilities' },
);

const summaryProperties = {
  id: Type.String(),
  name: Type.String(),
  divisionCode: Type.String({ description: '所在街道' }),
  divisionName: Type.String(),
  kind: ref(FederationKindSchema),
  leadOrganizationId: Nullable(Type.String()),
  leadOrganizationName: Nullable(Type.String()),
  foundedOn: DateText,
  description: Nullable(Type.String()),
  memberCount: Type.Integer({ description: '现有成员数' }),
  moveInCount: Type.Integer({ description: '经本联合会入驻的域外组织数' }),
  version: Type.Integer(),
  abilities: ref(FederationAbilitiesSchema),
};

export const FederationSummarySchema = Type.Object(summaryProperties, { $id: 'FederationSummary' });

export const FederationMemberSchema = Type.Object(
  {
    id: Type.String(),
    organizationId: Type.String(),
    organizationName: Type.String(),
    divisionName: Type.String(),
    role: ref(MemberRoleSchema),
    joinedOn: DateText,
    leftOn: Type.Union([DateText, Type.Null()]),
  },
  { $id: 'FederationMember' },
);

export const FederationMoveInSchema = Type.Object(
  {
    id: Type.String(),
    federationId: Type.String(),
    federationName: Type.String(),
    organizationId: Type.String(),
    organizationName: Type.String(),
    divisionName: Type.String({ description: '入驻组织所在街道/社区' }),
    movedInOn: DateText,
    origin: Type.String({ description: '迁入前所在地' }),
    note: Nullable(Type.String()),
  },
  { $id: 'FederationMoveIn' },
);

export const FederationDetailSchema = Type.Object(
  {
    ...summaryProperties,
    members: Type.Array(ref(FederationMemberSchema)),
    moveIns: Type.Array(ref(FederationMoveInSchema)),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'FederationDetail' },
);

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
export const MemberParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64 }),
  memberId: Type.String({ minLength: 1, maxLength: 64 }),
});

const DivisionPrefix = Type.String({ pattern: '^[0-9]{6,12}$', description: '区划代码前缀' });
const Filters = {
  q: Type.Optional(Type.String({ maxLength: 50, description: '名称包含' })),
  kind: Type.Optional(literalUnion(FEDERATION_KINDS)),
  divisionCode: Type.Optional(DivisionPrefix),
};
export const ListQuery = Type.Object({ ...PageQuery, ...Filters });
export const ExportQuery = Type.Object(Filters);
export const MoveInListQuery = Type.Object({
  ...PageQuery,
  federationId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  divisionCode: Type.Optional(DivisionPrefix),
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100, description: '入驻年份' })),
});

const Name = Type.String({ minLength: 2, maxLength: 100 });
const Street = Type.String({ pattern: '^[0-9]{9}$', description: '所在街道（9 位区划代码）' });
const Description = Type.String({ maxLength: 1000 });

export const CreateFederationBody = Type.Object(
  {
    name: Name,
    divisionCode: Street,
    kind: literalUnion(FEDERATION_KINDS),
    leadOrganizationId: Type.Optional(
      Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()], {
        description: '牵头组织（成为会长单位）',
      }),
    ),
    foundedOn: DateText,
    description: Type.Optional(Type.Union([Description, Type.Null()])),
  },
  { additionalProperties: false },
);

export const UpdateFederationBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    name: Type.Optional(Name),
    kind: Type.Optional(literalUnion(FEDERATION_KINDS)),
    leadOrganizationId: Type.Optional(
      Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()]),
    ),
    foundedOn: Type.Optional(DateText),
    description: Type.Optional(Type.Union([Description, Type.Null()])),
  },
  { additionalProperties: false },
);

export const AddMemberBody = Type.Object(
  {
    organizationId: Type.String({ minLength: 1, maxLength: 64 }),
    role: literalUnion(MEMBER_ROLES),
    joinedOn: DateText,
  },
  { additionalProperties: false },
);

export const EndMembershipBody = Type.Object({ leftOn: DateText }, { additionalProperties: false });

export const MoveInBody = Type.Object(
  {
    organizationId: Type.String({ minLength: 1, maxLength: 64 }),
    movedInOn: DateText,
    origin: Type.String({ minLength: 2, maxLength: 100, description: '迁入前所在地，如 长春市朝阳区' }),
    note: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
    joinAsMember: Type.Optional(Type.Boolean({ description: '同时加入联合会（默认是）', default: true })),
  },
  { additionalProperties: false },
);

export const FederationPage = Page(ref(FederationSummarySchema));
export const MoveInPage = Page(ref(FederationMoveInSchema));

export type FederationAbilities = Static<typeof FederationAbilitiesSchema>;
export type FederationSummary = Static<typeof FederationSummarySchema>;
export type FederationMember = Static<typeof FederationMemberSchema>;
export type FederationMoveIn = Static<typeof FederationMoveInSchema>;
export type FederationDetail = Static<typeof FederationDetailSchema>;
export type FederationFilters = Static<typeof ExportQuery>;
export type ListInput = Static<typeof ListQuery>;
export type MoveInListInput = Static<typeof MoveInListQuery>;
export type CreateFederationInput = Static<typeof CreateFederationBody>;
export type UpdateFederationInput = Static<typeof UpdateFederationBody>;
export type AddMemberInput = Static<typeof AddMemberBody>;
export type EndMembershipInput = Static<typeof EndMembershipBody>;
export type MoveInInput = Static<typeof MoveInBody>;

export const FEDERATION_SCHEMAS = [
  FederationKindSchema,
  MemberRoleSchema,
  FederationAbilitiesSchema,
  FederationSummarySchema,
  FederationMemberSchema,
  FederationMoveInSchema,
  FederationDetailSchema,
];
