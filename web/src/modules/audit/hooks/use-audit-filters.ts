import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { AuditExportQuery } from '../audit.types.ts';

/** The actions the server records so far, in menu order; `auditActionKey` names their labels. */
export const AUDIT_ACTIONS = {
  'auth.login': 'authLogin',
  'auth.totp': 'authTotp',
  'auth.passwordChange': 'authPasswordChange',
  'auth.logout': 'authLogout',
  'auth.logoutEverywhere': 'authLogoutEverywhere',
  'auth.totpEnrol': 'authTotpEnrol',
  'auth.totpDisable': 'authTotpDisable',
  'auth.recoveryCodesRenew': 'authRecoveryCodesRenew',
  'auth.sessionRevoke': 'authSessionRevoke',
  'auth.smsCode': 'authSmsCode',
  'auth.actingStart': 'authActingStart',
  'auth.actingEnd': 'authActingEnd',
  'account.create': 'accountCreate',
  'account.update': 'accountUpdate',
  'account.disable': 'accountDisable',
  'account.enable': 'accountEnable',
  'account.resetPassword': 'accountResetPassword',
  'account.unlock': 'accountUnlock',
  'account.resetTotp': 'accountResetTotp',
  'account.import': 'accountImport',
  'division.create': 'divisionCreate',
  'division.update': 'divisionUpdate',
  'division.move': 'divisionMove',
  'division.delete': 'divisionDelete',
  'division.import.create': 'divisionImportCreate',
  'division.import.update': 'divisionImportUpdate',
  'resident.create': 'residentCreate',
  'resident.update': 'residentUpdate',
  'resident.delete': 'residentDelete',
  'resident.reveal': 'residentReveal',
  'resident.consent': 'residentConsent',
  'resident.export': 'residentExport',
} as const;
export type AuditAction = keyof typeof AUDIT_ACTIONS;

export function isAuditAction(value: string): value is AuditAction {
  return Object.hasOwn(AUDIT_ACTIONS, value);
}

export const AUDIT_PAGE_SIZES = [20, 50, 100];
const DEFAULT_PAGE_SIZE = 20;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** What the URL says to show: `?actor=&action=&success=&from=YYYY-MM-DD&to=YYYY-MM-DD&page=&size=`. */
export interface AuditFilters {
  actor: string;
  action: AuditAction | undefined;
  success: 'true' | 'false' | undefined;
  /** Calendar days in Beijing time, both inclusive. */
  from: string | undefined;
  to: string | undefined;
  page: number;
  pageSize: number;
}

function positiveInt(value: string | null, fallback: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

function parseFilters(params: URLSearchParams): AuditFilters {
  const action = params.get('action') ?? '';
  const success = params.get('success');
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const size = positiveInt(params.get('size'), DEFAULT_PAGE_SIZE);
  return {
    actor: params.get('actor')?.trim() ?? '',
    action: isAuditAction(action) ? action : undefined,
    success: success === 'true' || success === 'false' ? success : undefined,
    from: DAY.test(from) ? from : undefined,
    to: DAY.test(to) ? to : undefined,
    page: positiveInt(params.get('page'), 1),
    pageSize: AUDIT_PAGE_SIZES.includes(size) ? size : DEFAULT_PAGE_SIZE,
  };
}

/** A Beijing calendar day's first or last instant as an ISO time (China keeps +08:00 all year). */
function beijingInstant(day: string, end: boolean): string {
  return new Date(`${day}T${end ? '23:59:59.999' : '00:00:00.000'}+08:00`).toISOString();
}

/** The API's filter parameters (without paging) for the filters in the URL. */
export function auditFilterQuery(filters: AuditFilters): AuditExportQuery {
  return {
    ...(filters.actor ? { actor: filters.actor } : {}),
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.success ? { success: filters.success === 'true' } : {}),
    ...(filters.from ? { from: beijingInstant(filters.from, false) } : {}),
    ...(filters.to ? { to: beijingInstant(filters.to, true) } : {}),
  };
}

/**
 * The audit page's filters and paging, kept in the URL search params so a filtered view can be
 * shared and survives a reload. Changing a filter goes back to page 1.
 */
export function useAuditFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseFilters(params), [params]);

  const update = useCallback(
    (change: Partial<AuditFilters>) => {
      const next: AuditFilters = { ...filters, ...change };
      if (!('page' in change)) next.page = 1;
      const out = new URLSearchParams();
      if (next.actor) out.set('actor', next.actor);
      if (next.action) out.set('action', next.action);
      if (next.success) out.set('success', next.success);
      if (next.from) out.set('from', next.from);
      if (next.to) out.set('to', next.to);
      if (next.page > 1) out.set('page', String(next.page));
      if (next.pageSize !== DEFAULT_PAGE_SIZE) out.set('size', String(next.pageSize));
      setParams(out);
    },
    [filters, setParams],
  );

  const reset = useCallback(() => setParams(new URLSearchParams()), [setParams]);

  return { filters, update, reset };
}
