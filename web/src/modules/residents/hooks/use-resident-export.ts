import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '../../../app/api/client.ts';
import { filenameFromContentDisposition, saveBlob } from '../../../ui/download.ts';
import type { ResidentExportQuery } from '../residents.types.ts';

/** GET /residents/export: the filtered list as .xlsx (masked), saved under the server's file name. */
export function useExportResidents() {
  return useMutation({
    mutationFn: async (query: ResidentExportQuery) => {
      let filename = 'residents.xlsx';
      const blob = await unwrap(
        api.GET('/api/v1/residents/export', { params: { query }, parseAs: 'blob' }).then((outcome) => {
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
