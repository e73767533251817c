import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { Cell, ReportTable } from './report-tables';

/** The CJK font the PDFs are set in (Debian's fonts-wqy-microhei). */
export const CJK_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
// The collection's first font, by its PostScript name (the other is the monospaced one).
const FAMILY = 'WenQuanYiMicroHei';

export class MissingFontError extends Error {
  constructor(path: string) {
    super(
      `the Chinese PDF needs the font ${path}: install the Debian package fonts-wqy-microhei (apt-get install fonts-wqy-microhei)`,
    );
  }
}

/** A landscape A4 document set in the CJK font; refused with the package to install when the font is absent. */
export function cjkDocument(title: string, author: string, fontPath = CJK_FONT): PDFKit.PDFDocument {
  if (!existsSync(fontPath)) throw new MissingFontError(fontPath);
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margins: { top: 56, bottom: 56, left: 56, right: 56 },
    info: { Title: title, Author: author },
    bufferPages: true,
  });
  doc.registerFont('cjk', fontPath, FAMILY);
  doc.font('cjk');
  return doc;
}

/** The document's bytes once ended. */
export function pdfBytes(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

const width = (doc: PDFKit.PDFDocument) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const bottom = (doc: PDFKit.PDFDocument) => doc.page.height - doc.page.margins.bottom;

function text(cell: Cell | undefined): string {
  return typeof cell === 'number' ? cell.toLocaleString('zh-CN') : (cell ?? '');
}

/** A table with its title, a heading row repeated on each page, ruled rows, numbers right-aligned. */
export function drawTable(doc: PDFKit.PDFDocument, table: ReportTable): void {
  const rows = [...table.rows];
  const totals = table.totals ? [table.totals.label, ...table.totals.values] : undefined;
  if (totals) rows.push(totals);
  const fontSize = table.columns.length > 8 ? 8 : 9;
  const weights = table.columns.map((name, i) =>
    Math.max(name.length * 1.2, 3, ...rows.map((row) => Math.min(24, text(row[i]).length))),
  );
  const total = weights.reduce((sum, w) => sum + w, 0);
  const widths = weights.map((w) => (w / total) * width(doc));
  const left = doc.page.margins.left;
  const padding = 3;
  const rowHeight = (cells: Cell[]) =>
    Math.max(...cells.map((cell, i) => doc.heightOfString(text(cell), { width: widths[i]! - 2 * padding }))) +
    2 * padding;
  const drawRow = (cells: Cell[], bold: boolean) => {
    doc.fontSize(fontSize);
    const height = rowHeight(cells);
    if (doc.y + height > bottom(doc)) {
      doc.addPage();
      if (!bold) drawRow(table.columns, true);
    }
    const y = doc.y;
    let x = left;
    cells.forEach((cell, i) => {
      const w = widths[i]!;
      if (bold) doc.rect(x, y, w, height).fillAndStroke('#e8eef5', '#888888').fillColor('black');
      else doc.rect(x, y, w, height).strokeColor('#888888').stroke();
      doc.text(text(cell), x + padding, y + padding, {
        width: w - 2 * padding,
        align: typeof cell === 'number' ? 'right' : 'left',
      });
      x += w;
    });
    doc.x = left;
    doc.y = y + height;
  };
  doc.fontSize(11);
  if (doc.y + 60 > bottom(doc)) doc.addPage();
  doc.text(table.title, left, doc.y, { width: width(doc) });
  doc.moveDown(0.3);
  drawRow(table.columns, true);
  if (table.rows.length === 0) drawRow(['无', ...table.columns.slice(1).map(() => '')], false);
  for (const row of table.rows) drawRow(row, false);
  if (totals) drawRow(totals, false);
  doc.moveDown(0.8);
}

/** Title, issuing office and date, centred, as a government document heads its first page. */
export function drawHeading(doc: PDFKit.PDFDocument, title: string, lines: string[]): void {
  const left = doc.page.margins.left;
  doc.fontSize(18).text(title, left, doc.y, { width: width(doc), align: 'center' });
  doc.moveDown(0.5);
  doc.fontSize(11);
  for (const line of lines) doc.text(line, left, doc.y, { width: width(doc), align: 'center' });
  doc.moveDown(1);
}

/** The signature block, at the right: the issuing office, the date, and a line for the seal. */
export function drawSignature(doc: PDFKit.PDFDocument, lines: string[]): void {
  const left = doc.page.margins.left;
  if (doc.y + 20 * (lines.length + 1) > bottom(doc)) doc.addPage();
  doc.moveDown(1.5).fontSize(11);
  for (const line of lines) doc.text(line, left, doc.y, { width: width(doc), align: 'right' });
}

/** Page numbers at the foot of every page: 第 1 页 共 3 页. */
export function numberPages(doc: PDFKit.PDFDocument): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = doc.page.height - doc.page.margins.bottom + 16;
    doc.fontSize(9).text(`第 ${i + 1} 页 共 ${range.count} 页`, doc.page.margins.left, y, {
      width: width(doc),
      align: 'center',
      lineBreak: false,
    });
  }
}
