import { ACCOUNT_STATUSES, DISPLAY_NAME_MAX, ROLES } from '@linli/common';
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { literalUnion, Page, PageQuery, ref } from '../../platform/http-schemas.ts';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const AccountAbilitiesSchema = Type.Object(
  {
    update: Type.Boolean(),
    disable: Type.Boolean(),
    enable: Type.Boolean(),
    resetPassword: Type.Boolean(),
    unlock: Type.Boolean(),
    resetTotp: Type.Boolean(),
  },
  { $id: 'AccountAbilities', description: '当前用户可对该账号执行的操作' },
);

export const AccountGrantSchema = Type.Object(
  {
    role: literalUnion(ROLES),
    scopeCode: Nullable(Type.String()),
    scopeName: Nullable(Type.String()),
    department: Nullable(Type.String()),
    organizationId: Nullable(Type.String()),
  },
  { $id: 'AccountGrant' },
);

export const AccountSchema = Type.Object(
  {
    id: Type.String(),
    username: Type.String(),
    displayName: Type.String(),
    phone: Nullable(Type.String({ description: '脱敏手机号，如 138****5678' })),
    divisionCode: Type.String(),
    divisionName: Nullable(Type.String()),
    roles: Type.Array(ref(AccountGrantSchema)),
    disabled: Type.Boolean(),
    lockedUntil: Nullable(Type.String({ format: 'date-time' })),
    mustChangePassword: Type.Boolean(),
    totpEnabled: Type.Boolean(),
    lastSignInAt: Nullable(Type.String({ format: 'date-time' })),
    version: Type.Integer(),
    abilities: ref(AccountAbilitiesSchema),
  },
  { $id: 'Account' },
);

export const AccountWithPasswordSchema = Type.Object(
  {
    account: ref(AccountSchema),
    temporaryPassword: Type.String({
      description: '临时密码：只在此次返回中出现一次，不保存明文；用户首次登录须修改',
    }),
  },
  { $id: 'AccountWithPassword' },
);

export const AccountPage = Page(ref(AccountSchema));

const Filters = {
  q: Type.Optional(Type.String({ maxLength: 50, description: '用户名或姓名包含的文字' })),
  role: Type.Optional(literalUnion(ROLES)),
  divisionCode: Type.Optional(
    Type.String({ pattern: '^[0-9]{6,15}$', description: '账号所属区划代码前缀（含下级）' }),
  ),
  status: Type.Optional(
    literalUnion(ACCOUNT_STATUSES, {
      description:
        'active 正常（未停用、未锁定）· disabled 已停用 · locked 已锁定 · mustChangePassword 待改密',
    }),
  ),
};

export const AccountListQuery = Type.Object({ ...Filters, ...PageQuery });
export const AccountExportQuery = Type.Object(Filters);

export const AccountIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

const GrantInput = Type.Object(
  {
    role: literalUnion(ROLES),
    scopeCode: Type.Optional(
      Nullable(
        Type.String({
          maxLength: 20,
          description:
            '数据范围（区划代码，可填 12 位统计用代码）；职能部门、社会组织等全区角色可空，默认为所在区',
        }),
      ),
    ),
    department: Type.Optional(Nullable(Type.String({ maxLength: 100, description: '职能部门必填' }))),
    organizationId: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  },
  { additionalProperties: false },
);

const DisplayName = Type.String({ minLength: 1, maxLength: DISPLAY_NAME_MAX });
const Phone = Type.String({ maxLength: 20, description: '11 位大陆手机号' });
const Grants = Type.Array(GrantInput, { maxItems: 20, description: '至少一条授权' });

export const CreateAccountBody = Type.Object(
  {
    username: Type.String({
      minLength: 1,
      maxLength: 64,
      description: '3–32 位小写字母、数字或 . _ -（大写会转为小写）',
    }),
    displayName: DisplayName,
    phone: Type.Optional(Nullable(Phone)),
    grants: Grants,
  },
  { additionalProperties: false },
);

export const UpdateAccountBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    displayName: Type.Optional(DisplayName),
    phone: Type.Optional(Nullable(Phone)),
    grants: Type.Optional(Grants),
  },
  { additionalProperties: false },
);

export const AccountActionBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    reason: Type.Optional(Type.String({ maxLength: 200, description: '原因（记入审计日志）' })),
  },
  { additionalProperties: false },
);

export const ImportQuery = Type.Object({
  dryRun: Type.Optional(Type.Boolean({ default: false, description: '只校验，不写入' })),
});

export const AccountImportResultSchema = Type.Object(
  {
    dryRun: Type.Boolean(),
    rows: Type.Integer({ description: '数据行数' }),
    accounts: Type.Integer({ description: '账号数（同一用户名的多行为一个账号的多条授权）' }),
    created: Type.Array(
      Type.Object({
        username: Type.String(),
        displayName: Type.String(),
        grants: Type.Integer(),
        temporaryPassword: Nullable(
          Type.String({ description: '临时密码，仅正式导入时返回一次；试导入为 null' }),
        ),
      }),
    ),
  },
  { $id: 'AccountImportResult' },
);

export type Account = Static<typeof AccountSchema>;
export type AccountGrant = Static<typeof AccountGrantSchema>;
export type AccountAbilities = Static<typeof AccountAbilitiesSchema>;
export type AccountWithPassword = Static<typeof AccountWithPasswordSchema>;
export type AccountFilters = Static<typeof AccountExportQuery>;
export type AccountListFilters = Static<typeof AccountListQuery>;
export type CreateAccountInput = Static<typeof CreateAccountBody>;
export type UpdateAccountInput = Static<typeof UpdateAccountBody>;
export type AccountActionInput = Static<typeof AccountActionBody>;
export type GrantInputBody = Static<typeof GrantInput>;
export type AccountImportResult = Static<typeof AccountImportResultSchema>;

export const ACCOUNT_SCHEMAS = [
  AccountAbilitiesSchema,
  AccountGrantSchema,
  AccountSchema,
  AccountWithPasswordSchema,
  AccountImportResultSchema,
];
