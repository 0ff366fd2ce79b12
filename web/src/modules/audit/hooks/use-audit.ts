import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../app/api/client.ts';
import { downloadFile } from '../../../app/api/download-file.ts';
import type { AuditExportQuery, AuditQuery } from '../audit.types.ts';

/** Query keys of the audit module. */
export const auditKeys = {
  all: ['audit'] as const,
  list: (query: AuditQuery) => ['audit', 'list', query] as const,
};

/** GET /audit: one server-side page of audit entries, newest first. */
export function useAuditEntries(query: AuditQuery) {
  return useQuery({
    queryKey: auditKeys.list(query),
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/audit', { params: { query }, signal })),
  });
}

/** GET /audit/export: the filtered entries as .xlsx, saved under the server's file name. Resolves to that name. */
export function useExportAudit() {
  return useMutation({
    mutationFn: (query: AuditExportQuery) =>
      downloadFile(api.GET('/api/v1/audit/export', { params: { query }, parseAs: 'blob' }), 'audit.xlsx'),
  });
}
