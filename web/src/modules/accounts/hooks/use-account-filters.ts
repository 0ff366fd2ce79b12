import { ACCOUNT_STATUSES, type AccountStatus, ROLES, type Role } from '@linli/common';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { AccountExportQuery } from '../accounts.types.ts';

export const ACCOUNT_PAGE_SIZES = [20, 50, 100];
const DEFAULT_PAGE_SIZE = 20;

/** What the URL says to show: `?q=&role=&division=&status=&page=&size=`. */
export interface AccountFilters {
  q: string;
  role: Role | undefined;
  divisionCode: string | undefined;
  status: AccountStatus | undefined;
  page: number;
  pageSize: number;
}

function positiveInt(value: string | null, fallback: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

function parseFilters(params: URLSearchParams): AccountFilters {
  const division = params.get('division') ?? '';
  const size = positiveInt(params.get('size'), DEFAULT_PAGE_SIZE);
  return {
    q: params.get('q')?.trim() ?? '',
    role: oneOf(ROLES, params.get('role')),
    divisionCode: /^\d{6,15}$/.test(division) ? division : undefined,
    status: oneOf(ACCOUNT_STATUSES, params.get('status')),
    page: positiveInt(params.get('page'), 1),
    pageSize: ACCOUNT_PAGE_SIZES.includes(size) ? size : DEFAULT_PAGE_SIZE,
  };
}

/** The API's filter parameters (without paging) for the filters in the URL. */
export function accountFilterQuery(filters: AccountFilters): AccountExportQuery {
  return {
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.role ? { role: filters.role } : {}),
    ...(filters.divisionCode ? { divisionCode: filters.divisionCode } : {}),
    ...(filters.status ? { status: filters.status } : {}),
  };
}

/** The account page's filters and paging, kept in the URL; changing a filter goes back to page 1. */
export function useAccountFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseFilters(params), [params]);

  const update = useCallback(
    (change: Partial<AccountFilters>) => {
      const next: AccountFilters = { ...filters, ...change };
      if (!('page' in change)) next.page = 1;
      const out = new URLSearchParams();
      if (next.q) out.set('q', next.q);
      if (next.role) out.set('role', next.role);
      if (next.divisionCode) out.set('division', next.divisionCode);
      if (next.status) out.set('status', next.status);
      if (next.page > 1) out.set('page', String(next.page));
      if (next.pageSize !== DEFAULT_PAGE_SIZE) out.set('size', String(next.pageSize));
      setParams(out);
    },
    [filters, setParams],
  );

  const reset = useCallback(() => setParams(new URLSearchParams()), [setParams]);

  return { filters, update, reset };
}
