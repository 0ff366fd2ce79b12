import type { UseMutationResult } from '@tanstack/react-query';
import { useState } from 'react';

/**
 * The one flow of every spreadsheet import dialog: choosing a file checks it at once (a dry run,
 * nothing written), confirming imports it, and the result is shown until the dialog closes. Errors
 * stay on `importer.error` for `SheetImportProblem`.
 */
export function useSheetImport<R extends { dryRun: boolean }>(
  importer: UseMutationResult<R, unknown, { file: File; dryRun: boolean }>,
  onClose: () => void,
) {
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<R | null>(null);
  const [done, setDone] = useState<R | null>(null);

  const reset = () => {
    setFile(null);
    setPreview(null);
    setDone(null);
    importer.reset();
  };

  const close = () => {
    if (importer.isPending) return;
    reset();
    onClose();
  };

  const run = async (chosen: File, dryRun: boolean) => {
    try {
      const result = await importer.mutateAsync({ file: chosen, dryRun });
      if (result.dryRun) setPreview(result);
      else setDone(result);
    } catch {
      // Shown from importer.error.
    }
  };

  const choose = (chosen: File) => {
    setFile(chosen);
    setPreview(null);
    void run(chosen, true);
  };

  const confirm = () => {
    if (file) void run(file, false);
  };

  const pending = importer.isPending;
  /** 0 choose, 1 checking, 2 checked (confirm), 3 imported. */
  const step = done ? 3 : !file ? 0 : preview && !pending ? 2 : 1;
  return { file, preview, done, pending, step, reset, close, choose, confirm };
}
