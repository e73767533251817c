import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { cityReport, type CityReport } from '@liaison/projections';
import { AT, campaign, options } from '@liaison/projections/report/testing/report-campaign';
import { CJK_FONT, MissingFontError } from './pdf-layout';
import { circulationPdf, reportPdf } from './report-pdf';
import { reportTitle, reportWorkbook } from './report-workbook';

let report: CityReport;
let dir: string;

beforeAll(async () => {
  report = await cityReport(campaign().events, AT, options);
  dir = mkdtempSync(join(tmpdir(), 'report-exports-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The share of a page's pixels that are not white, rendered by poppler's pdftoppm at a low resolution. */
function inkOnFirstPage(pdf: string): number {
  execFileSync('pdftoppm', ['-f', '1', '-l', '1', '-r', '30', '-gray', pdf, join(dir, 'page')]);
  const file = readFileSync(join(dir, 'page-1.pgm'));
  // P5\n<width> <height>\n255\n, then one byte per pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(file.subarray(0, 40).toString('latin1'))!;
  const pixels = file.subarray(header[0].length);
  expect(pixels.length).toBe(Number(header[1]) * Number(header[2]));
  return pixels.filter((value) => value < 200).length / pixels.length;
}

describe("the city's report as an Excel workbook", () => {
  it('has one sheet per table, and totals as formulas that agree with the rows and the fold', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await reportWorkbook(report)) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      '说明',
      '办事机构',
      '处置结果',
      '资产类别',
      '资产处置',
      '人员安置',
      '报送情况',
      '逾期事项',
      '通报名单',
      '汇总步骤',
      '机构清单',
    ]);
    expect(workbook.getWorksheet('说明')!.getCell('A1').value).toBe(reportTitle(report));
    const offices = workbook.getWorksheet('办事机构')!;
    // Title, heading, the city and its three filing units, then the totals.
    expect(offices.getRow(2).getCell(2).value).toBe('机构数');
    const totals = offices.getRow(7);
    expect(totals.getCell(1).value).toBe('全市合计');
    expect(totals.getCell(2).value).toEqual({ formula: 'SUM(B3:B6)', result: 5 });
    const column = (sheet: ExcelJS.Worksheet, col: number, from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_, i) => Number(sheet.getRow(from + i).getCell(col).value));
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    // Every total is the sum of the rows above it, as a reader recalculating would find.
    for (let col = 2; col <= 10; col++) {
      const { formula, result } = totals.getCell(col).value as { formula: string; result: number };
      expect(formula).toBe(`SUM(${String.fromCharCode(64 + col)}3:${String.fromCharCode(64 + col)}6)`);
      // exceljs caches no result of 0; Excel recalculates on opening (fullCalcOnLoad) anyway.
      expect(result ?? 0).toBe(sum(column(offices, col, 3, 6)));
    }
    const disposal = workbook.getWorksheet('资产处置')!;
    const disposalTotals = disposal.getRow(8);
    expect(disposalTotals.getCell(3).value).toEqual({ formula: 'SUM(C3:C7)', result: 8_960_000 });
    expect(disposalTotals.getCell(5).value).toEqual({ formula: 'SUM(E3:E7)', result: 150_000 });
    expect(sum(column(disposal, 3, 3, 7))).toBe(8_960_000);
    const list = workbook.getWorksheet('机构清单')!;
    expect(list.rowCount).toBe(2 + 5 + 1);
    expect((list.getRow(8).getCell(9).value as { result: number }).result).toBe(
      report.city.assets.total.bookValue,
    );
  });
});

describe("the city's report as a PDF in Chinese", () => {
  it('prints the title, the issuing office, the date, a total and the signature block; pdftoppm renders ink', async () => {
    const file = join(dir, 'report.pdf');
    writeFileSync(file, await reportPdf(report));
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
    expect(text).toContain(reportTitle(report));
    expect(text).toContain('南阳市直机关事务管理局');
    expect(text).toContain('2015年12月1日');
    expect(text).toMatch(/全市合计\s+5\s/);
    expect(text).toContain('8,960,000');
    expect(text).toContain('(盖章)');
    expect(inkOnFirstPage(file)).toBeGreaterThan(0.01);
  });

  it('prints the circulation notice (通报) with each item listed', async () => {
    const file = join(dir, 'circulation.pdf');
    writeFileSync(file, await circulationPdf(report));
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
    expect(text).toContain('通报');
    expect(text).toContain('南阳市商务局');
    expect(text).toContain('工作总结');
    expect(inkOnFirstPage(file)).toBeGreaterThan(0.01);
  });

  it('names the font package when the font is missing', () => {
    expect(CJK_FONT).toBe('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc');
    expect(() => reportPdf(report, '/nonexistent/wqy-microhei.ttc')).toThrow(MissingFontError);
    expect(() => reportPdf(report, '/nonexistent/wqy-microhei.ttc')).toThrow(/fonts-wqy-microhei/);
  });
});
