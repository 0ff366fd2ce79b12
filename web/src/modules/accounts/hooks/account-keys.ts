import type { AccountListQuery } from '../accounts.types.ts';

/** Query keys of the accounts module; every key starts with 'accounts' so one invalidation refreshes all. */
export const accountKeys = {
  all: ['accounts'] as const,
  list: (query: AccountListQuery) => ['accounts', 'list', query] as const,
};
