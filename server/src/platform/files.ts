import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { AttachmentType } from '@linli/common';
import type { FastifyReply } from 'fastify';
import { AppError } from './errors.ts';

/**
 * Uploaded files (attachments of records). The bytes are kept under `DATA_DIR/files/<yyyy>/<mm>/<uuid>`
 * and the caller's table keeps the returned description. The type is decided from the bytes
 * themselves — a file's name and the browser's MIME type say what the uploader claims, not what it is.
 */

export interface SniffedType {
  type: AttachmentType;
  mime: string;
}

export interface StoredFile extends SniffedType {
  /** Relative to the store's root, with forward slashes: what the table keeps. */
  storagePath: string;
  size: number;
  sha256: string;
}

const MIME: Record<AttachmentType, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
};

const startsWith = (buf: Buffer, bytes: readonly number[], at = 0) =>
  buf.length >= at + bytes.length && bytes.every((b, i) => buf[at + i] === b);

/** Names of the entries of a zip archive, read from its central directory (empty when it is not one). */
export function zipEntryNames(buf: Buffer): string[] {
  // The end-of-central-directory record sits in the last 22 + up to 65535 (comment) bytes.
  const floor = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= floor; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return [];
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) return names;
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    names.push(buf.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** The stream names of an OLE compound file (.doc, .xls), from its first directory sector. */
function cfbHasStream(buf: Buffer, name: string): boolean {
  // Directory entries store names as UTF-16LE; a stream's name appearing there is enough to tell
  // Word from Excel without walking the whole sector chain.
  return buf.includes(Buffer.from(name, 'utf16le'));
}

/** The file's type from its first bytes (and, for Office files, their inner structure), or null. */
export function sniffType(buf: Buffer): SniffedType | null {
  const of = (type: AttachmentType): SniffedType => ({ type, mime: MIME[type] });
  if (startsWith(buf, [0x25, 0x50, 0x44, 0x46, 0x2d])) return of('pdf'); // %PDF-
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return of('png');
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return of('jpeg');
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) {
    const names = zipEntryNames(buf);
    if (!names.includes('[Content_Types].xml')) return null;
    if (names.includes('word/document.xml')) return of('docx');
    if (names.includes('xl/workbook.xml')) return of('xlsx');
    return null;
  }
  if (startsWith(buf, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    if (cfbHasStream(buf, 'WordDocument')) return of('doc');
    if (cfbHasStream(buf, 'Workbook') || cfbHasStream(buf, 'Book')) return of('xls');
  }
  return null;
}

/** `10485760` → `10 MB`, for messages. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} B`;
}

/**
 * A file name a download may carry: no path, no control characters, at most 200 characters. The
 * uploader's name is kept for the people who will open it; it is never used on disk.
 */
export function cleanFilename(input: string | undefined, fallback: string): string {
  const base = (input ?? '').split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return [...(clean || fallback)].slice(0, 200).join('');
}

/** RFC 6266 / RFC 5987: an ASCII fallback name and the real (Chinese) one as `filename*`. */
export function contentDisposition(
  filename: string,
  disposition: 'attachment' | 'inline' = 'attachment',
): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * Sends stored bytes as a download (or, for types a browser shows safely, in place), with the
 * declared type enforced by `nosniff` and no caching of what may be personal data.
 */
export function sendStoredFile(
  reply: FastifyReply,
  file: { filename: string; mime: string; bytes: Buffer },
  disposition: 'attachment' | 'inline' = 'attachment',
): FastifyReply {
  return reply
    .type(file.mime)
    .header('content-disposition', contentDisposition(file.filename, disposition))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(file.bytes);
}

export class FileStore {
  readonly root: string;

  constructor(
    dataDir: string,
    readonly maxBytes: number,
  ) {
    this.root = path.join(dataDir, 'files');
  }

  /** Refuses what the store does not keep: empty, too large, or not one of the accepted types. */
  check(buf: Buffer, filename: string): SniffedType {
    if (buf.length === 0) throw new AppError('attachment.empty');
    if (buf.length > this.maxBytes)
      throw new AppError('attachment.tooLarge', { limit: formatBytes(this.maxBytes) });
    const sniffed = sniffType(buf);
    if (!sniffed) throw new AppError('attachment.unsupportedType', { filename });
    return sniffed;
  }

  /** Writes the bytes under a new name (the file never overwrites another) and describes them. */
  async save(buf: Buffer, filename: string, now = new Date()): Promise<StoredFile> {
    const sniffed = this.check(buf, filename);
    const yyyy = String(now.getUTCFullYear());
    const mm = String(now.getUTCMonth() + 1).padStart(2, '0');
    const storagePath = `${yyyy}/${mm}/${randomUUID()}`;
    const full = this.#full(storagePath);
    await fs.mkdir(path.dirname(full), { recursive: true });
    await fs.writeFile(full, buf, { flag: 'wx' });
    return {
      ...sniffed,
      storagePath,
      size: buf.length,
      sha256: createHash('sha256').update(buf).digest('hex'),
    };
  }

  async read(storagePath: string): Promise<Buffer> {
    try {
      return await fs.readFile(this.#full(storagePath));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('attachment.notFound');
      throw error;
    }
  }

  /** Removes a file whose row is gone (or was never written); a missing file is not an error. */
  async remove(storagePath: string): Promise<void> {
    await fs.rm(this.#full(storagePath), { force: true });
  }

  #full(storagePath: string): string {
    // Paths come from our own rows; refuse anything that would leave the root all the same.
    if (!/^\d{4}\/\d{2}\/[0-9a-f-]{36}$/.test(storagePath)) throw new AppError('attachment.notFound');
    return path.join(this.root, ...storagePath.split('/'));
  }
}
