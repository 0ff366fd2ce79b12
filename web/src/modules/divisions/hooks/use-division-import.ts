import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../app/api/client.ts';
import { xhrFetchWithProgress } from '../../../app/api/xhr-fetch.ts';
import { XLSX_MIME } from '../../../ui/sheet-import.tsx';
import { divisionKeys } from './division-keys.ts';

interface ImportArgs {
  file: File;
  dryRun: boolean;
  /** Upload progress, 0–1. */
  onProgress?: (fraction: number) => void;
}

/**
 * POST /divisions/import?dryRun= with the raw .xlsx bytes. All rows are checked first; a 422 problem
 * lists every bad row in `errors` and nothing is written.
 */
export function useImportDivisions() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, dryRun, onProgress }: ImportArgs) =>
      unwrap(
        api.POST('/api/v1/divisions/import', {
          params: { query: { dryRun } },
          headers: { 'Content-Type': XLSX_MIME },
          // Raw bytes, not JSON: the serializer passes the File through untouched.
          body: file,
          bodySerializer: (body) => body as File,
          ...(onProgress ? { fetch: xhrFetchWithProgress(onProgress) } : {}),
        }),
      ),
    onSuccess: (result) => {
      if (!result.dryRun) return client.invalidateQueries({ queryKey: divisionKeys.all });
    },
  });
}
