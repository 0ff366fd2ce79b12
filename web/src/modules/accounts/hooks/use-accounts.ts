import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../app/api/client.ts';
import { downloadFile } from '../../../app/api/download-file.ts';
import { XLSX_MIME } from '../../../ui/sheet-import.tsx';
import type {
  AccountAction,
  AccountExportQuery,
  AccountListQuery,
  CreateAccountBody,
  UpdateAccountBody,
} from '../accounts.types.ts';
import { accountKeys } from './account-keys.ts';

/** GET /accounts: one server-side page of the accounts in the user's scope, by username. */
export function useAccounts(query: AccountListQuery) {
  return useQuery({
    queryKey: accountKeys.list(query),
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/accounts', { params: { query }, signal })),
  });
}

/** GET /accounts/export: the filtered list as .xlsx (phones masked). */
export function useExportAccounts() {
  return useMutation({
    mutationFn: (query: AccountExportQuery) =>
      downloadFile(
        api.GET('/api/v1/accounts/export', { params: { query }, parseAs: 'blob' }),
        'accounts.xlsx',
      ),
  });
}

/** GET /accounts/import-template: the header row, an example row and the instructions. */
export function useDownloadImportTemplate() {
  return useMutation({
    mutationFn: () =>
      downloadFile(api.GET('/api/v1/accounts/import-template', { parseAs: 'blob' }), 'account-template.xlsx'),
  });
}

/** POST /accounts: answers the account and its temporary password (shown once). */
export function useCreateAccount() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateAccountBody) => unwrap(api.POST('/api/v1/accounts', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: accountKeys.all }),
  });
}

/** PATCH /accounts/{id} with the row version; a stale version is a 409 `conflict.version`. */
export function useUpdateAccount() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateAccountBody }) =>
      unwrap(api.PATCH('/api/v1/accounts/{id}', { params: { path: { id } }, body })),
    onSettled: () => client.invalidateQueries({ queryKey: accountKeys.all }),
  });
}

interface ActionArgs {
  id: string;
  version: number;
  action: AccountAction;
}

function runAction({ id, version, action }: ActionArgs) {
  const options = { params: { path: { id } }, body: { version } };
  switch (action) {
    case 'disable':
      return unwrap(api.POST('/api/v1/accounts/{id}/disable', options));
    case 'enable':
      return unwrap(api.POST('/api/v1/accounts/{id}/enable', options));
    case 'unlock':
      return unwrap(api.POST('/api/v1/accounts/{id}/unlock', options));
    case 'resetTotp':
      return unwrap(api.POST('/api/v1/accounts/{id}/reset-totp', options));
    case 'resetPassword':
      return unwrap(api.POST('/api/v1/accounts/{id}/reset-password', options));
  }
}

/**
 * 停用 · 启用 · 解锁 · 重置两步验证 · 重置密码. Resolves to the temporary password for a password
 * reset (to be shown once), else null.
 */
export function useAccountAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (args: ActionArgs): Promise<string | null> => {
      const result = await runAction(args);
      return 'temporaryPassword' in result ? result.temporaryPassword : null;
    },
    onSettled: () => client.invalidateQueries({ queryKey: accountKeys.all }),
  });
}

/** POST /accounts/import?dryRun= with the raw .xlsx bytes; a 422 lists every bad row and nothing is written. */
export function useImportAccounts() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, dryRun }: { file: File; dryRun: boolean }) =>
      unwrap(
        api.POST('/api/v1/accounts/import', {
          params: { query: { dryRun } },
          headers: { 'Content-Type': XLSX_MIME },
          // Raw bytes, not JSON: the serializer passes the File through untouched.
          body: file,
          bodySerializer: (body) => body as File,
        }),
      ),
    onSuccess: (result) => {
      if (!result.dryRun) return client.invalidateQueries({ queryKey: accountKeys.all });
    },
  });
}
