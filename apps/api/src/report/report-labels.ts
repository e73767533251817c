/** The report's words in Chinese, as a government report prints them. */
export const SPONSOR_KIND_LABELS: Record<string, string> = {
  'municipal-government': '市政府',
  'municipal-department': '市直部门',
  'county-government': '县(区)政府(管委会)',
  'county-department': '县(区)部门',
};

export const HOST_LABELS: Record<string, string> = {
  'home-capital': '驻本省省会',
  'other-capital': '驻外省省会',
  'separately-planned-city': '驻计划单列市',
  'special-economic-zone': '驻经济特区',
};

export const OUTCOME_LABELS: Record<string, string> = {
  abolish: '应撤销',
  'retain-or-abolish': '可申请保留',
  'ruling-required': '待裁定',
};

export const STANDING_LABELS: Record<string, string> = {
  abolished: '已撤销',
  closed: '已关闭',
  retained: '已保留',
  rejected: '不予保留',
  pending: '办理中',
  'awaiting-ruling': '待裁定',
};

export const ASSET_KIND_LABELS: Record<string, string> = {
  land: '土地',
  building: '房屋',
  vehicle: '车辆',
  other: '其他',
};

export const DISPOSAL_LABELS: Record<string, string> = {
  transfer: '划转',
  reallocation: '调剂',
  'public-auction': '公开拍卖',
  'write-off': '核销',
  undisposed: '未处置',
};

export const PLACEMENT_LABELS: Record<string, string> = {
  'returned-to-sponsor': '回派出单位',
  transferred: '调动',
  retired: '退休',
  'contract-ended': '解除合同',
  unplaced: '未安置',
};

export const FILING_LABELS: Record<string, string> = {
  'on-time': '按时',
  late: '逾期',
  missing: '未报送',
  'not-yet-due': '未到期',
};

export const INSPECTION_LABELS: Record<string, string> = {
  accepted: '已通过',
  returned: '已退回',
  'awaiting-inspection': '待检查',
  'not-filed': '未报送',
};

export const OVERDUE_LABELS: Record<string, string> = {
  task: '审批事项',
  abolition: '撤销',
  'work-plan': '工作方案',
  'work-summary': '工作总结',
  'report-inspection': '总结检查',
  'report-review': '市政府审核',
  'report-submission': '报送省局',
  'regulation-decoupling': '脱钩(五(一))',
  'regulation-disclosure': '接待经费公开(五(三))',
  'regulation-appraisal': '年度考核(六(二))',
  'regulation-complaint': '举报处理结果公开(六(四))',
  'report-summary-inspection': '单位总结检查',
};

export const STEP_LABELS: Record<string, string> = {
  inspection: '市直机关事务管理局检查',
  review: '市政府审核',
  submission: '报送省机关事务管理局',
};

export const STEP_STATUS_LABELS: Record<string, string> = {
  met: '已完成',
  pending: '未到期',
  overdue: '已逾期',
};

export const label = (labels: Record<string, string>, key: string | null | undefined): string =>
  key == null ? '' : (labels[key] ?? key);

/** An instant as a date in Beijing time: 2015年11月16日. */
export function chineseDate(instant: string): string {
  const day = new Date(Date.parse(instant) + 8 * 3_600_000);
  return `${day.getUTCFullYear()}年${day.getUTCMonth() + 1}月${day.getUTCDate()}日`;
}

/** An instant in Beijing time to the minute: 2015-11-16 08:00. */
export function beijingTime(instant: string | null | undefined): string {
  if (!instant) return '';
  return new Date(Date.parse(instant) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** The Bureau that issues a city's report: 南阳市直机关事务管理局. */
export function issuingOffice(cityName: string): string {
  return `${cityName}直机关事务管理局`;
}
