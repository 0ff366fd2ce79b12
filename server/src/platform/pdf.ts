import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

/**
 * Small PDF documents (certificates, contracts): a title, paragraphs, a key/value table and a
 * footer, in Noto Sans SC so Chinese renders on any reader. pdfkit embeds only the glyphs a
 * document uses (subsetting), so a one-page certificate stays a few dozen KB although the font is 10 MB.
 */

const require = createRequire(import.meta.url);
const FONT_REGULAR = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
const FONT_BOLD = require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf');

export interface PdfSpec {
  title: string;
  /** Shown under the title, smaller (a document number, a date). */
  subtitle?: string;
  /** Blocks in order: a paragraph of text, or a table of label/value rows. */
  blocks: Array<{ paragraph: string } | { table: Array<[string, string]> }>;
  /** Small print at the bottom of the page (how to verify, who issued). */
  footer?: string;
  /** Document properties (the PDF's Author, Subject). */
  author?: string;
  subject?: string;
}

const MARGIN = 56;

/** Renders the document to a Buffer. */
export function renderPdf(spec: PdfSpec): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: spec.title, Author: spec.author ?? '', Subject: spec.subject ?? '' },
  });
  doc.registerFont('body', FONT_REGULAR);
  doc.registerFont('bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - MARGIN * 2;

  doc.font('bold').fontSize(22).text(spec.title, { align: 'center' });
  if (spec.subtitle)
    doc.moveDown(0.3).font('body').fontSize(10).fillColor('#555').text(spec.subtitle, { align: 'center' });
  doc.fillColor('#000').moveDown(1.2);

  for (const block of spec.blocks) {
    if ('paragraph' in block) {
      doc.font('body').fontSize(12).text(block.paragraph, { width, align: 'justify', lineGap: 4 });
      doc.moveDown(0.8);
      continue;
    }
    const labelWidth = Math.round(width * 0.3);
    for (const [label, value] of block.table) {
      const y = doc.y;
      doc
        .font('bold')
        .fontSize(11)
        .text(label, MARGIN, y, { width: labelWidth - 8 });
      const afterLabel = doc.y;
      doc
        .font('body')
        .fontSize(11)
        .text(value, MARGIN + labelWidth, y, { width: width - labelWidth });
      const bottom = Math.max(afterLabel, doc.y) + 4;
      doc
        .moveTo(MARGIN, bottom)
        .lineTo(MARGIN + width, bottom)
        .lineWidth(0.5)
        .strokeColor('#ccc')
        .stroke();
      doc.y = bottom + 6;
    }
    doc.x = MARGIN;
    doc.moveDown(0.8);
  }

  if (spec.footer) {
    const bottom = doc.page.height - MARGIN - 40;
    doc
      .font('body')
      .fontSize(9)
      .fillColor('#555')
      .text(spec.footer, MARGIN, Math.max(doc.y, bottom), { width, align: 'center' });
  }
  doc.end();
  return done;
}
