import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import type { AppError } from './errors.ts';
import { cleanFilename, contentDisposition, FileStore, sniffType, zipEntryNames } from './files.ts';

/** A zip with empty stored entries: enough structure for the central-directory reader. */
function zipOf(names: string[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const name of names) {
    const n = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(n.length, 26);
    locals.push(local, n);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, n);
    offset += 30 + n.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(names.length, 8);
  end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const CFB = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const cfbWith = (stream: string) => Buffer.concat([CFB, Buffer.alloc(504), Buffer.from(stream, 'utf16le')]);

const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'linli-files-'));
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

describe('file type sniffing', () => {
  it('knows PDF, PNG and JPEG by their magic bytes', () => {
    expect(sniffType(Buffer.from('%PDF-1.7\n'))?.type).toBe('pdf');
    expect(sniffType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))?.type).toBe('png');
    expect(sniffType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0]))?.mime).toBe('image/jpeg');
  });

  it('tells a Word document from a workbook inside the zip, and refuses other zips', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('名单').addRow(['姓名']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    expect(zipEntryNames(xlsx)).toContain('xl/workbook.xml');
    expect(sniffType(xlsx)?.type).toBe('xlsx');
    expect(sniffType(zipOf(['[Content_Types].xml', 'word/document.xml']))?.type).toBe('docx');
    expect(sniffType(zipOf(['readme.txt', 'evil.exe']))).toBeNull();
  });

  it('tells .doc from .xls in a compound file, and refuses anything else', () => {
    expect(sniffType(cfbWith('WordDocument'))?.type).toBe('doc');
    expect(sniffType(cfbWith('Workbook'))?.type).toBe('xls');
    expect(sniffType(cfbWith('PowerPoint Document'))).toBeNull();
    expect(sniffType(Buffer.from('MZ\x90\x00 this is an executable'))).toBeNull();
    expect(sniffType(Buffer.from('<html><script>alert(1)</script>'))).toBeNull();
  });
});

describe('file store', () => {
  const store = new FileStore(dir, 1024);

  it('stores under files/yyyy/mm/uuid with the sha256 and reads it back', async () => {
    const bytes = Buffer.from('%PDF-1.4\n1 0 obj\n');
    const saved = await store.save(bytes, '章程.pdf', new Date('2026-03-05T10:00:00Z'));
    expect(saved).toMatchObject({ type: 'pdf', mime: 'application/pdf', size: bytes.length });
    expect(saved.storagePath).toMatch(/^2026\/03\/[0-9a-f-]{36}$/);
    expect(saved.sha256).toMatch(/^[0-9a-f]{64}$/);
    const onDisk = path.join(dir, 'files', ...saved.storagePath.split('/'));
    expect(await fs.readFile(onDisk)).toEqual(bytes);
    expect(await store.read(saved.storagePath)).toEqual(bytes);
    await store.remove(saved.storagePath);
    await expect(store.read(saved.storagePath)).rejects.toMatchObject({ code: 'attachment.notFound' });
  });

  it('refuses an empty file, one over the limit, and a disguised type', async () => {
    const refusal = (buf: Buffer) => {
      try {
        store.check(buf, 'x.pdf');
      } catch (error) {
        return (error as AppError).code;
      }
      return null;
    };
    expect(refusal(Buffer.alloc(0))).toBe('attachment.empty');
    expect(refusal(Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(1024)]))).toBe('attachment.tooLarge');
    expect(refusal(Buffer.from('just text named .pdf'))).toBe('attachment.unsupportedType');
  });

  it('never resolves a path outside its root', async () => {
    await expect(store.read('../../etc/passwd')).rejects.toMatchObject({ code: 'attachment.notFound' });
  });
});

describe('download names', () => {
  it('sends the Chinese name as RFC 5987 filename* with an ASCII fallback', () => {
    const header = contentDisposition('成员名单(2026).xlsx');
    expect(header).toBe(
      `attachment; filename="____(2026).xlsx"; filename*=UTF-8''${encodeURIComponent('成员名单')}%282026%29.xlsx`,
    );
    expect(cleanFilename('C:\\tmp\\..\\章程"\n.pdf', 'file')).toBe('章程.pdf');
    expect(cleanFilename('', '附件')).toBe('附件');
  });
});
