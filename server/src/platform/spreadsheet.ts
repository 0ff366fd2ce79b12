import { beijingToday } from '@linli/common';
import { Type } from '@sinclair/typebox';
import ExcelJS from 'exceljs';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from './errors.ts';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A column of an import sheet: its key, the Chinese header offices see, an accepted English header. */
export interface SheetColumn<K extends string> {
  key: K;
  header: string;
  en: string;
  width: number;
}

export interface SheetRow<K extends string> {
  /** Excel row number (the header is row 1), for row-numbered error messages. */
  row: number;
  cells: Partial<Record<K, string>>;
}

/** A cell as text: numbers typed into code or phone columns come back without exponent or decimals. */
export function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v);
  if (typeof v === 'string') return v.trim();
  return (cell.text ?? '').trim();
}

/**
 * Reads an uploaded workbook's sheet (the one named `sheetName`, else the first): headers in
 * Chinese or English in any order, blank rows skipped, each row with its Excel row number.
 * `required` names the columns without which the file is refused with `missingColumns`.
 */
export async function readSheet<K extends string>(
  buffer: Buffer,
  options: {
    sheetName: string;
    columns: readonly SheetColumn<K>[];
    required: (present: ReadonlySet<K>) => boolean;
    missingColumns: () => AppError;
  },
): Promise<SheetRow<K>[]> {
  if (!Buffer.isBuffer(buffer) || buffer.length === 0) throw new AppError('import.empty');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch (err) {
    throw new AppError('import.invalidFile', { detail: (err as Error).message });
  }
  const ws = wb.getWorksheet(options.sheetName) ?? wb.worksheets[0];
  if (!ws) throw new AppError('import.empty');
  const keyAt = new Map<number, K>();
  ws.getRow(1).eachCell((cell, col) => {
    const text = cellText(cell).toLowerCase();
    const column = options.columns.find(
      (c) => c.header.toLowerCase() === text || c.en === text || c.key.toLowerCase() === text,
    );
    if (column) keyAt.set(col, column.key);
  });
  if (!options.required(new Set(keyAt.values()))) throw options.missingColumns();
  const rows: SheetRow<K>[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells: Partial<Record<K, string>> = {};
    for (const [col, key] of keyAt) {
      const text = cellText(row.getCell(col));
      if (text) cells[key] = text;
    }
    if (Object.keys(cells).length > 0) rows.push({ row: rowNumber, cells });
  });
  return rows;
}

/** Lets a plugin's routes take an uploaded .xlsx as the raw request body (a Buffer). */
export function acceptSpreadsheets(app: FastifyInstance): void {
  app.addContentTypeParser(
    [XLSX_MIME, 'application/octet-stream'],
    { parseAs: 'buffer' },
    (_request, body, done) => done(null, body),
  );
}

/** The OpenAPI 200 answer of a route that returns an .xlsx file. */
export const XLSX_RESPONSE = {
  description: 'Excel (.xlsx) 文件',
  content: { [XLSX_MIME]: { schema: Type.String({ format: 'binary' }) } },
};

/** `审计日志` → `审计日志-20261127.xlsx`: the Beijing date, as offices file their exports. */
export function datedFilename(name: string, now = new Date()): string {
  return `${name}-${beijingToday(now).replaceAll('-', '')}.xlsx`;
}

/** Sends a workbook as a download; the (Chinese) file name travels as RFC 6266 `filename*`. */
export function sendXlsx(reply: FastifyReply, buffer: Buffer, filename: string): FastifyReply {
  return reply
    .type(XLSX_MIME)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .send(buffer);
}
