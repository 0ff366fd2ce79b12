import { useMutation } from '@tanstack/react-query';
import { api } from '../../../app/api/client.ts';
import { downloadFile } from '../../../app/api/download-file.ts';

interface ExportArgs {
  root: string;
  boundaries: boolean;
}

/** GET /divisions/export: the subtree as .xlsx, saved under the server's file name. Resolves to that name. */
export function useExportDivisions() {
  return useMutation({
    mutationFn: ({ root, boundaries }: ExportArgs) =>
      downloadFile(
        api.GET('/api/v1/divisions/export', { params: { query: { root, boundaries } }, parseAs: 'blob' }),
        `divisions-${root}.xlsx`,
      ),
  });
}
