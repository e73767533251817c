import type { Asset, OfficeCommand, StaffMember } from '@liaison/domain';

interface DemoOffice {
  key: string;
  name: string;
  sponsorUnitId: string;
  hostCityId: string;
  pairedAssistance?: boolean;
  assets?: Asset[];
  staff?: StaffMember[];
  /** What has already happened to it, in order, with who did it. */
  steps?: { command: OfficeCommand; actor: string; role: string; tier?: string }[];
}

// The actors are the demo users (libs/auth demo-users), so the history reads like the inboxes.
export const clerk = (username: string) => ({ actor: username, role: 'clerk' });
const approver = (tier: 'county' | 'municipal' | 'provincial', county?: string) => ({
  actor:
    tier === 'county' ? `approver.${county}` : tier === 'municipal' ? 'approver.nanyang' : 'approver.henan',
  role: 'approver',
  tier,
});

const RETENTION_CASE = {
  justification: '承担对口援助的联络协调与服务保障工作',
  functions: ['economic-cooperation', 'government-liaison'] as const,
  decoupledFromBusinessEntities: true,
};

const retention = (): OfficeCommand => ({
  type: 'RequestRetention',
  data: { ...RETENTION_CASE, functions: [...RETENTION_CASE.functions] },
});
const decision = (
  tier: 'county' | 'municipal' | 'provincial',
  d: 'approve' | 'reject' | 'return',
  comment?: string,
  county?: string,
) => ({
  command: {
    type: 'DecideRetention',
    data: { tier, decision: d, ...(comment ? { comment } : {}) },
  } as OfficeCommand,
  ...approver(tier, county),
});

/** Sample offices covering every row of the rules table of section 三, at different points of their lives. */
export const DEMO_OFFICES: DemoOffice[] = [
  {
    key: 'xichuan-zhengzhou',
    name: '淅川县人民政府驻郑州办事处',
    sponsorUnitId: 'henan.nanyang.xichuan',
    hostCityId: 'zhengzhou',
    assets: [
      { assetId: 'land-1', kind: 'land', description: '郑州市金水区办公用地 800 m²', bookValue: 3200000 },
      { assetId: 'building-1', kind: 'building', description: '办公楼一栋(四层)', bookValue: 5600000 },
      { assetId: 'vehicle-1', kind: 'vehicle', description: '公务用车 豫R·A1234', bookValue: 150000 },
    ],
    staff: [
      { staffId: 'staff-1', name: '王建国' },
      { staffId: 'staff-2', name: '李秀英' },
    ],
    steps: [
      {
        command: {
          type: 'AbolishOffice',
          data: { decisionReference: '淅政〔2015〕41号', reason: '依三(一)撤销' },
        },
        ...clerk('clerk.xichuan'),
      },
      {
        command: {
          type: 'RecordAssetDisposal',
          data: {
            assetId: 'vehicle-1',
            method: 'public-auction',
            recipient: '郑州某汽车贸易有限公司',
            recipientKind: 'private-party',
            value: 98000,
            approvalReference: '淅国资〔2015〕7号',
          },
        },
        ...clerk('clerk.xichuan'),
      },
      {
        command: {
          type: 'RecordStaffPlacement',
          data: { staffId: 'staff-1', placement: 'returned-to-sponsor', destination: '淅川县人民政府办公室' },
        },
        ...clerk('clerk.xichuan'),
      },
    ],
  },
  {
    key: 'high-tech-zone-zhengzhou',
    name: '南阳高新区管委会驻郑州联络处',
    sponsorUnitId: 'henan.nanyang.high-tech-zone',
    hostCityId: 'zhengzhou',
    assets: [{ assetId: 'vehicle-1', kind: 'vehicle', description: '公务用车 豫R·G0001', bookValue: 120000 }],
    staff: [{ staffId: 'staff-1', name: '赵志强' }],
  },
  {
    key: 'commerce-zhengzhou',
    name: '南阳市商务局驻郑州办事处',
    sponsorUnitId: 'henan.nanyang.commerce',
    hostCityId: 'zhengzhou',
    assets: [
      { assetId: 'building-1', kind: 'building', description: '租用写字楼装修及设备', bookValue: 60000 },
    ],
    staff: [{ staffId: 'staff-1', name: '陈丽' }],
    steps: [
      {
        command: { type: 'AbolishOffice', data: { decisionReference: '宛商〔2015〕22号' } },
        ...clerk('clerk.commerce'),
      },
      {
        command: {
          type: 'RecordAssetDisposal',
          data: {
            assetId: 'building-1',
            method: 'transfer',
            recipient: '南阳市直机关事务管理局',
            recipientKind: 'government-body',
            value: 60000,
            approvalReference: '宛国资〔2015〕12号',
          },
        },
        ...clerk('clerk.commerce'),
      },
      {
        command: {
          type: 'RecordStaffPlacement',
          data: { staffId: 'staff-1', placement: 'returned-to-sponsor', destination: '南阳市商务局外经科' },
        },
        ...clerk('clerk.commerce'),
      },
      { command: { type: 'CloseOffice', data: {} }, ...clerk('clerk.commerce') },
    ],
  },
  {
    key: 'xixia-agriculture-zhengzhou',
    name: '西峡县农业局驻郑州联络处',
    sponsorUnitId: 'henan.nanyang.xixia.agriculture',
    hostCityId: 'zhengzhou',
    staff: [{ staffId: 'staff-1', name: '刘洋' }],
  },
  {
    key: 'nanyang-zhengzhou',
    name: '南阳市人民政府驻郑州办事处',
    sponsorUnitId: 'henan.nanyang',
    hostCityId: 'zhengzhou',
    assets: [{ assetId: 'building-1', kind: 'building', description: '办事处办公楼', bookValue: 12000000 }],
    staff: [
      { staffId: 'staff-1', name: '张伟' },
      { staffId: 'staff-2', name: '周敏' },
    ],
    steps: [{ command: retention(), ...clerk('clerk.nanyang') }],
  },
  {
    key: 'tanghe-shenzhen',
    name: '唐河县人民政府驻深圳办事处',
    sponsorUnitId: 'henan.nanyang.tanghe',
    hostCityId: 'shenzhen',
    staff: [{ staffId: 'staff-1', name: '孙磊' }],
  },
  {
    key: 'xichuan-urumqi',
    name: '淅川县人民政府驻乌鲁木齐办事处',
    sponsorUnitId: 'henan.nanyang.xichuan',
    hostCityId: 'urumqi',
    pairedAssistance: true,
    staff: [{ staffId: 'staff-1', name: '马军' }],
    steps: [
      { command: retention(), ...clerk('clerk.xichuan') },
      decision('county', 'approve', '同意保留,报市级审批', 'xichuan'),
    ],
  },
  {
    key: 'zhenping-beijing',
    name: '镇平县人民政府驻北京联络处',
    sponsorUnitId: 'henan.nanyang.zhenping',
    hostCityId: 'beijing',
    pairedAssistance: true,
    steps: [
      { command: retention(), ...clerk('clerk.nanyang') },
      decision('county', 'approve', undefined, 'zhenping'),
      decision('municipal', 'approve'),
      decision('provincial', 'approve', '准予保留,按四、五、六规范管理'),
    ],
  },
  {
    key: 'drc-shanghai',
    name: '南阳市发展和改革委员会驻上海办事处',
    sponsorUnitId: 'henan.nanyang.drc',
    hostCityId: 'shanghai',
  },
  {
    key: 'nanyang-beijing',
    name: '南阳市人民政府驻北京办事处',
    sponsorUnitId: 'henan.nanyang',
    hostCityId: 'beijing',
    steps: [
      {
        command: {
          type: 'RuleOnOffice',
          data: {
            tier: 'provincial',
            ruling: 'retention-may-be-requested',
            reasoning: '方案未作规定,可按三(一)逐级报批',
          },
        },
        ...approver('provincial'),
      },
    ],
  },
  {
    key: 'sheqi-xian',
    name: '社旗县人民政府驻西安办事处',
    sponsorUnitId: 'henan.nanyang.sheqi',
    hostCityId: 'xian',
    pairedAssistance: true,
    steps: [
      { command: retention(), ...clerk('clerk.nanyang') },
      decision('county', 'approve', undefined, 'sheqi'),
      decision('municipal', 'return', '请补充对口援助协议及接待经费公开情况(五(三))'),
    ],
  },
  {
    key: 'fangcheng-wuhan',
    name: '方城县人民政府驻武汉办事处',
    sponsorUnitId: 'henan.nanyang.fangcheng',
    hostCityId: 'wuhan',
    pairedAssistance: true,
    steps: [
      { command: retention(), ...clerk('clerk.nanyang') },
      decision('county', 'reject', '对口援助任务已结束,不予保留', 'fangcheng'),
    ],
  },
];
