import { filenameFromContentDisposition, saveBlob } from '../../ui/download.ts';
import { unwrap } from './client.ts';

/**
 * Runs a generated-client GET that answers a file (`parseAs: 'blob'`), saves it under the name the
 * server gives in Content-Disposition (Chinese names included), and resolves to that name.
 */
export async function downloadFile(
  call: Promise<{ data?: unknown; error?: unknown; response: Response }>,
  fallback: string,
): Promise<string> {
  let filename = fallback;
  const blob = await unwrap(
    call.then((outcome) => {
      filename = filenameFromContentDisposition(
        outcome.response.headers.get('Content-Disposition'),
        fallback,
      );
      return outcome;
    }),
  );
  saveBlob(blob as Blob, filename);
  return filename;
}
