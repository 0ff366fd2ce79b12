import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '../../../app/api/client.ts';
import { filenameFromContentDisposition, saveBlob } from '../../../ui/download.ts';

interface ExportArgs {
  root: string;
  boundaries: boolean;
}

/** GET /divisions/export: the subtree as .xlsx, saved under the server's file name. Resolves to that name. */
export function useExportDivisions() {
  return useMutation({
    mutationFn: async ({ root, boundaries }: ExportArgs) => {
      let filename = `divisions-${root}.xlsx`;
      const blob = await unwrap(
        api
          .GET('/api/v1/divisions/export', {
            params: { query: { root, boundaries } },
            parseAs: 'blob',
          })
          .then((outcome) => {
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
