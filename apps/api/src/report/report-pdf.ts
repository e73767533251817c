import type { CityReport } from '@liaison/projections';
import { beijingTime, chineseDate, issuingOffice, label, OVERDUE_LABELS } from './report-labels';
import { reportTables, unitName } from './report-tables';
import { reportTitle } from './report-workbook';
import { cjkDocument, drawHeading, drawSignature, drawTable, numberPages, pdfBytes } from './pdf-layout';

export const PDF = 'application/pdf';

function reviewLine(report: CityReport): string {
  if (!report.review) return '市政府审核:未审核';
  const verdict = report.review.decision === 'approved' ? '审核同意' : '退回修改';
  return `市政府审核:${verdict}(${beijingTime(report.review.reviewedAt)})${report.review.comment}`;
}

/** The city's report as a printable PDF in Chinese: title, issuing office, date, the tables, the signature block. */
export function reportPdf(report: CityReport, fontPath?: string): Promise<Buffer> {
  const office = issuingOffice(report.cityName);
  const title = reportTitle(report);
  const doc = cjkDocument(title, office, fontPath);
  drawHeading(doc, title, [
    office,
    `统计截至${chineseDate(report.at)}(北京时间 ${beijingTime(report.at)})`,
    `全市共清理驻外办事机构 ${report.city.offices.offices} 个,资产账面价值 ${report.city.assets.total.bookValue.toLocaleString('zh-CN')} 元,上缴国库 ${report.city.assets.proceedsToTreasury.toLocaleString('zh-CN')} 元,涉及人员 ${report.city.staff.total} 人`,
  ]);
  for (const table of reportTables(report)) drawTable(doc, table);
  drawSignature(doc, [
    reviewLine(report),
    report.submission
      ? `已报送省机关事务管理局(${beijingTime(report.submission.submittedAt)})`
      : '尚未报送省机关事务管理局',
    '',
    `${office}(盖章)`,
    chineseDate(report.at),
  ]);
  numberPages(doc);
  return pdfBytes(doc);
}

/** The circulation notice (通报, 八(三)): what the leading group listed, by unit, as a document to circulate. */
export function circulationPdf(report: CityReport, fontPath?: string): Promise<Buffer> {
  const office = issuingOffice(report.cityName);
  const title = `关于${report.cityName}清理规范驻省会城市办事机构工作逾期事项的通报`;
  const doc = cjkDocument(title, office, fontPath);
  drawHeading(doc, title, [
    `${report.cityName}清理规范驻省会城市办事机构工作领导小组办公室`,
    chineseDate(report.at),
  ]);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  doc
    .fontSize(11)
    .text(
      `各县(区)人民政府(管委会),市直有关部门:\n    根据宛政办〔2015〕93号八(三)的要求,市直机关事务管理局对清理规范工作进行了督导检查。截至${chineseDate(report.at)},下列 ${report.circulation.length} 项工作逾期未完成,经提醒和督办仍未办结,现予通报。请相关单位抓紧办理,并将办理情况报市直机关事务管理局。`,
      left,
      doc.y,
      { width },
    );
  doc.moveDown(1);
  drawTable(doc, {
    sheet: '通报名单',
    title: '逾期事项',
    columns: ['序号', '类别', '事项', '单位', '应完成时间', '列入通报时间'],
    rows: report.circulation.map((item, i) => [
      String(i + 1),
      label(OVERDUE_LABELS, item.kind),
      item.title,
      unitName(report, item.unitId),
      beijingTime(item.dueAt),
      beijingTime(item.listedAt),
    ]),
  });
  drawSignature(doc, [
    `${report.cityName}清理规范驻省会城市办事机构工作领导小组办公室(盖章)`,
    chineseDate(report.at),
  ]);
  numberPages(doc);
  return pdfBytes(doc);
}
