import type { components, paths } from '../../app/api/schema.gen.ts';

export type Account = components['schemas']['Account'];
export type AccountGrant = components['schemas']['AccountGrant'];
export type AccountAbilities = components['schemas']['AccountAbilities'];
export type AccountWithPassword = components['schemas']['AccountWithPassword'];
export type AccountImportResult = components['schemas']['AccountImportResult'];
export type AccountListQuery = NonNullable<paths['/api/v1/accounts']['get']['parameters']['query']>;
export type AccountExportQuery = NonNullable<paths['/api/v1/accounts/export']['get']['parameters']['query']>;
export type CreateAccountBody = NonNullable<
  paths['/api/v1/accounts']['post']['requestBody']
>['content']['application/json'];
export type UpdateAccountBody = NonNullable<
  paths['/api/v1/accounts/{id}']['patch']['requestBody']
>['content']['application/json'];
export type GrantBody = CreateAccountBody['grants'][number];
export type AccountAction = 'disable' | 'enable' | 'resetPassword' | 'unlock' | 'resetTotp';
