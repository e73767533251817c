import ExcelJS from 'exceljs';
import type { CityReport } from '@liaison/projections';
import { beijingTime, chineseDate, issuingOffice } from './report-labels';
import { reportTables, type ReportTable } from './report-tables';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The report's title, as every export prints it. */
export function reportTitle(report: CityReport): string {
  return `${report.cityName}清理规范驻省会城市办事机构工作汇总表`;
}

function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/**
 * One sheet per table: a title row, the heading, the rows, and the totals as SUM formulas over the rows above
 * (with the folded value as the cached result, so a reader that does not recalculate still sees it, and one that
 * does can check it).
 */
function addSheet(workbook: ExcelJS.Workbook, table: ReportTable): void {
  const sheet = workbook.addWorksheet(table.sheet);
  sheet.addRow([table.title]).font = { bold: true, size: 13 };
  sheet.mergeCells(1, 1, 1, Math.max(1, table.columns.length));
  const heading = sheet.addRow(table.columns);
  heading.font = { bold: true };
  heading.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF5' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  const first = sheet.rowCount + 1;
  for (const row of table.rows) sheet.addRow(row);
  const last = sheet.rowCount;
  if (table.totals) {
    const cells = table.totals.values.map((value, i) => {
      if (typeof value !== 'number') return value;
      const column = columnLetter(i + 1);
      return table.rows.length === 0
        ? 0
        : { formula: `SUM(${column}${first}:${column}${last})`, result: value };
    });
    const totals = sheet.addRow([table.totals.label, ...cells]);
    totals.font = { bold: true };
    totals.eachCell((cell) => (cell.border = { top: { style: 'thin' } }));
  }
  table.columns.forEach((name, i) => {
    const widest = Math.max(name.length * 2, ...table.rows.map((row) => String(row[i] ?? '').length * 1.6));
    sheet.getColumn(i + 1).width = Math.min(40, Math.max(8, widest + 2));
  });
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
}

/** The report as an Excel workbook: a cover sheet saying what it is, then one sheet per table. */
export async function reportWorkbook(report: CityReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = issuingOffice(report.cityName);
  workbook.created = new Date(report.at);
  // The totals are formulas: a reader's spreadsheet computes them afresh from the rows when it opens the file.
  workbook.calcProperties.fullCalcOnLoad = true;
  const cover = workbook.addWorksheet('说明');
  cover.addRow([reportTitle(report)]).font = { bold: true, size: 14 };
  cover.addRows([
    ['填报单位', issuingOffice(report.cityName)],
    ['统计截至', `${chineseDate(report.at)}(${beijingTime(report.at)},北京时间)`],
    [
      '依据',
      '宛政办〔2015〕93号 七(三):各单位工作总结经市直机关事务管理局检查并汇总全市,报市政府审核同意后报省机关事务管理局',
    ],
    [
      '市政府审核',
      report.review
        ? `${report.review.decision === 'approved' ? '同意' : '退回'} ${beijingTime(report.review.reviewedAt)} ${report.review.comment}`
        : '未审核',
    ],
    ['报送省局', report.submission ? beijingTime(report.submission.submittedAt) : '未报送'],
    ['说明', '各表合计行为公式(SUM),可重新计算核对'],
  ]);
  cover.getColumn(1).width = 14;
  cover.getColumn(2).width = 90;
  for (const table of reportTables(report)) addSheet(workbook, table);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
