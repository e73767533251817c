import type { CityReport, UnitReport } from '@liaison/projections';
import {
  ASSET_KIND_LABELS,
  beijingTime,
  DISPOSAL_LABELS,
  FILING_LABELS,
  HOST_LABELS,
  INSPECTION_LABELS,
  label,
  OUTCOME_LABELS,
  OVERDUE_LABELS,
  PLACEMENT_LABELS,
  SPONSOR_KIND_LABELS,
  STANDING_LABELS,
  STEP_LABELS,
  STEP_STATUS_LABELS,
} from './report-labels';

export type Cell = string | number;

/**
 * One table of the report, as both the workbook and the PDF print it. `totals`: the row of sums under it, with
 * the label in the first column; the workbook writes each sum as a formula over the rows above.
 */
export interface ReportTable {
  /** The sheet's name (at most 31 characters). */
  sheet: string;
  title: string;
  columns: string[];
  rows: Cell[][];
  totals?: { label: string; values: Cell[] };
}

/** A unit's name as the report has it (the id where it has none). */
export function unitName(report: CityReport, unitId: string): string {
  return report.unitNames[unitId] ?? unitId;
}

const keysOf = (labels: Record<string, string>) => Object.keys(labels);

function byUnit(
  report: CityReport,
  pick: (unit: UnitReport) => number[],
): Pick<ReportTable, 'rows' | 'totals'> {
  const city = {
    ...report.units[0]!,
    offices: report.city.offices,
    assets: report.city.assets,
    staff: report.city.staff,
  };
  return {
    rows: report.units.map((unit) => [unit.name, ...pick(unit)]),
    totals: { label: '全市合计', values: pick(city) },
  };
}

/** The report's tables, in the order a reader meets them. */
export function reportTables(report: CityReport): ReportTable[] {
  const sponsorKinds = keysOf(SPONSOR_KIND_LABELS);
  const hosts = keysOf(HOST_LABELS);
  const outcomes = keysOf(OUTCOME_LABELS);
  const standings = keysOf(STANDING_LABELS);
  const assetKinds = keysOf(ASSET_KIND_LABELS);
  const methods = keysOf(DISPOSAL_LABELS);
  const placements = keysOf(PLACEMENT_LABELS);
  const { assets, staff } = report.city;
  return [
    {
      sheet: '办事机构',
      title: '一、驻外办事机构清理情况(按派出单位类别和驻在地)',
      columns: [
        '单位',
        '机构数',
        ...sponsorKinds.map((k) => SPONSOR_KIND_LABELS[k]!),
        ...hosts.map((k) => HOST_LABELS[k]!),
      ],
      ...byUnit(report, (unit) => [
        unit.offices.offices,
        ...sponsorKinds.map((k) => unit.offices.bySponsorKind[k as keyof typeof unit.offices.bySponsorKind]),
        ...hosts.map((k) => unit.offices.byHost[k as keyof typeof unit.offices.byHost]),
      ]),
    },
    {
      sheet: '处置结果',
      title: '二、政策要求与办理结果',
      columns: [
        '单位',
        ...outcomes.map((k) => OUTCOME_LABELS[k]!),
        ...standings.map((k) => STANDING_LABELS[k]!),
      ],
      ...byUnit(report, (unit) => [
        ...outcomes.map(
          (k) => unit.offices.byRequiredOutcome[k as keyof typeof unit.offices.byRequiredOutcome],
        ),
        ...standings.map((k) => unit.offices.byStanding[k as keyof typeof unit.offices.byStanding]),
      ]),
    },
    {
      sheet: '资产类别',
      title: '三、国有资产(按类别)',
      columns: ['类别', '数量', '账面价值(元)'],
      rows: assetKinds.map((k) => {
        const amounts = assets.byKind[k as keyof typeof assets.byKind];
        return [ASSET_KIND_LABELS[k]!, amounts.count, amounts.bookValue];
      }),
      totals: { label: '合计', values: [assets.total.count, assets.total.bookValue] },
    },
    {
      sheet: '资产处置',
      title: '四、国有资产处置(按处置方式;公开拍卖所得上缴国库)',
      columns: ['处置方式', '数量', '账面价值(元)', '处置金额(元)', '上缴国库(元)'],
      rows: methods.map((k) => {
        const amounts = assets.byMethod[k as keyof typeof assets.byMethod];
        return [
          DISPOSAL_LABELS[k]!,
          amounts.count,
          amounts.bookValue,
          amounts.value,
          k === 'public-auction' ? amounts.value : 0,
        ];
      }),
      totals: {
        label: '合计',
        values: [
          assets.total.count,
          assets.total.bookValue,
          methods.reduce((sum, k) => sum + assets.byMethod[k as keyof typeof assets.byMethod].value, 0),
          assets.proceedsToTreasury,
        ],
      },
    },
    {
      sheet: '人员安置',
      title: '五、人员安置',
      columns: ['安置方式', '人数'],
      rows: placements.map((k) => [
        PLACEMENT_LABELS[k]!,
        staff.byPlacement[k as keyof typeof staff.byPlacement],
      ]),
      totals: { label: '合计', values: [staff.total] },
    },
    {
      sheet: '报送情况',
      title: '六、工作方案和工作总结报送及检查情况',
      columns: ['单位', '工作方案', '报送时间', '工作总结', '报送时间', '检查结果', '检查意见'],
      rows: report.units
        .filter((unit) => unit.workPlan)
        .map((unit) => [
          unit.name,
          label(FILING_LABELS, unit.workPlan?.status),
          beijingTime(unit.workPlan?.firstFiledAt),
          label(FILING_LABELS, unit.workSummary?.status),
          beijingTime(unit.workSummary?.lastFiledAt),
          label(INSPECTION_LABELS, unit.inspection?.status),
          unit.inspection?.comment ?? '',
        ]),
    },
    {
      sheet: '逾期事项',
      title: '七、逾期事项',
      columns: ['类别', '事项', '单位', '应完成时间'],
      rows: report.overdue.map((item) => [
        label(OVERDUE_LABELS, item.kind),
        item.title,
        unitName(report, item.unitId),
        beijingTime(item.dueAt),
      ]),
    },
    {
      sheet: '通报名单',
      title: '八、列入通报的事项(八(三))',
      columns: ['类别', '事项', '单位', '应完成时间', '列入时间'],
      rows: report.circulation.map((item) => [
        label(OVERDUE_LABELS, item.kind),
        item.title,
        unitName(report, item.unitId),
        beijingTime(item.dueAt),
        beijingTime(item.listedAt),
      ]),
    },
    {
      sheet: '汇总步骤',
      title: '九、汇总报送步骤(七(三))',
      columns: ['步骤', '期限', '状态'],
      rows: report.steps.map((step) => [
        label(STEP_LABELS, step.step),
        beijingTime(step.dueAt),
        label(STEP_STATUS_LABELS, step.status),
      ]),
    },
    {
      sheet: '机构清单',
      title: '附:办事机构清单',
      columns: [
        '名称',
        '单位',
        '派出类别',
        '驻在地',
        '规则',
        '政策要求',
        '现状',
        '资产数',
        '账面价值(元)',
        '上缴国库(元)',
        '人员',
        '已安置',
      ],
      rows: report.offices.map((office) => [
        office.name,
        unitName(report, office.unitId),
        label(SPONSOR_KIND_LABELS, office.sponsorKind),
        label(HOST_LABELS, office.hostCategory),
        office.ruleId,
        label(OUTCOME_LABELS, office.requiredOutcome),
        label(STANDING_LABELS, office.standing),
        office.assets,
        office.bookValue,
        office.proceeds,
        office.staff,
        office.placed,
      ]),
      totals: {
        label: '合计',
        values: [
          '',
          '',
          '',
          '',
          '',
          '',
          report.city.assets.total.count,
          report.city.assets.total.bookValue,
          report.city.assets.proceedsToTreasury,
          report.city.staff.total,
          report.offices.reduce((sum, office) => sum + office.placed, 0),
        ],
      },
    },
  ];
}
