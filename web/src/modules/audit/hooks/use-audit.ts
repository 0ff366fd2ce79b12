import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../app/api/client.ts';
import { filenameFromContentDisposition, saveBlob } from '../../../ui/download.ts';
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
    mutationFn: async (query: AuditExportQuery) => {
      let filename = 'audit.xlsx';
      const blob = await unwrap(
        api.GET('/api/v1/audit/export', { params: { query }, parseAs: 'blob' }).then((outcome) => {
          filename = filenameFromContentDisposition(
            outcome.response.headers.get('Content-Disposition'),
            filename,
          );
          return outcome;
        }),
      );
      saveBlob(blob, filename);
      return filename;
    },
  });
}
