import { useMutation } from '@tanstack/react-query';
import { api } from '../../../app/api/client.ts';
import { downloadFile } from '../../../app/api/download-file.ts';
import type { ResidentExportQuery } from '../residents.types.ts';

/** GET /residents/export: the filtered list as .xlsx (masked), saved under the server's file name. */
export function useExportResidents() {
  return useMutation({
    mutationFn: (query: ResidentExportQuery) =>
      downloadFile(
        api.GET('/api/v1/residents/export', { params: { query }, parseAs: 'blob' }),
        'residents.xlsx',
      ),
  });
}
