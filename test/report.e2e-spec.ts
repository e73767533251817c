import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { DEMO_PASSWORD } from '@liaison/auth';
import {
  client,
  registration,
  signedIn,
  specRedisUrl,
  startApp,
  type Client,
  type RunningApp,
} from './support/app';

/**
 * The city's report (七(三)) through the running app, on the plan's 2015 dates: units file their summaries, the
 * Bureau inspects them and returns one, the government reviews, the city submits, the province sees it; the report
 * downloads as a workbook and a PDF whose numbers agree with the office list.
 */
const ENV = {
  REDIS_URL: specRedisUrl(0),
  QUEUE_PREFIX: `report-e2e-${process.pid}`,
  CAMPAIGN: 'nanyang-2015',
};
const CITY = 'henan.nanyang';
const XICHUAN = 'henan.nanyang.xichuan';
const XIXIA = 'henan.nanyang.xixia';
const TANGHE = 'henan.nanyang.tanghe';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let running: RunningApp;
let dir: string;
const as: Record<string, Client> = {};
const tokens: Record<string, string> = {};

beforeAll(async () => {
  running = await startApp(ENV);
  dir = mkdtempSync(join(tmpdir(), 'report-e2e-'));
  for (const name of [
    'clerk.xichuan',
    'clerk.xixia',
    'clerk.tanghe',
    'supervisor.nanyang',
    'supervisor.henan',
    'approver.nanyang',
  ]) {
    as[name] = await signedIn(running.url, name);
    const login = await client(running.url).post('/auth/login', { username: name, password: DEMO_PASSWORD });
    tokens[name] = login.body.accessToken as string;
  }
}, 30_000);

afterAll(async () => {
  await running.close();
  rmSync(dir, { recursive: true, force: true });
});

async function download(
  user: string,
  path: string,
  accept?: string,
): Promise<{ status: number; type: string; bytes: Buffer; disposition: string }> {
  const response = await fetch(`${running.url}${path}`, {
    headers: { authorization: `Bearer ${tokens[user]}`, ...(accept ? { accept } : {}) },
  });
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    disposition: response.headers.get('content-disposition') ?? '',
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

const plan = {
  leadDepartment: '县政府办公室',
  liaisonPerson: { name: '王联络', phone: '0377-69212345' },
  plan: '全面清理',
};

describe("the city's report (汇总全市, 七(三))", () => {
  let before: string;
  let submittedAt: string;

  it('opens with the campaign: every step dated, every filing unit listed, nothing filed yet', async () => {
    const report = await as['supervisor.nanyang']!.get(`/reports/city/${CITY}`);
    expect(report.status).toBe(200);
    expect(
      report.body.steps.map((step: { step: string; dueAt: string }) => [step.step, step.dueAt !== null]),
    ).toEqual([
      ['inspection', true],
      ['review', true],
      ['submission', true],
    ]);
    expect(report.body.units.map((unit: { unitId: string }) => unit.unitId)).toEqual(
      expect.arrayContaining([XICHUAN, XIXIA, TANGHE]),
    );
    expect(report.body.city.filings.workSummary.missing).toBe(report.body.units.length);
  });

  it('counts the offices registered and abolished, with their assets and staff', async () => {
    const clerk = as['clerk.tanghe']!;
    const office = await clerk.post(
      '/offices',
      registration(TANGHE, 'zhengzhou', {
        assets: [{ assetId: 'car-1', kind: 'vehicle', description: '公务用车', bookValue: 120000 }],
        staff: [{ staffId: 's-1', name: '孙磊' }],
      }),
    );
    expect(office.status).toBe(201);
    const id = office.body.officeId as string;
    expect(
      (await clerk.post(`/offices/${id}/abolition`, { decisionReference: '唐政〔2015〕8号' })).status,
    ).toBe(200);
    const auction = {
      assetId: 'car-1',
      method: 'public-auction',
      recipient: '竞得人',
      recipientKind: 'private-party',
      value: 86000,
      approvalReference: '唐国资〔2015〕3号',
    };
    expect((await clerk.post(`/offices/${id}/asset-disposals`, auction)).status).toBe(200);
    expect(
      (
        await as['clerk.xichuan']!.post(
          '/offices',
          registration(XICHUAN, 'beijing', { pairedAssistance: true }),
        )
      ).status,
    ).toBe(201);
    before = new Date().toISOString();
    const report = await as['supervisor.nanyang']!.get(`/reports/city/${CITY}?at=${before}`);
    expect(report.body.city.offices).toMatchObject({ offices: 2, byStanding: { abolished: 1, pending: 1 } });
    expect(report.body.city.assets.proceedsToTreasury).toBe(86000);
    // The numbers agree with the office list.
    const list = await as['supervisor.nanyang']!.get(`/offices?unitId=${CITY}`);
    expect(list.body.total).toBe(report.body.city.offices.offices);
    expect(report.body.offices.map((line: { officeId: string }) => line.officeId).sort()).toEqual(
      list.body.items.map((item: { officeId: string }) => item.officeId).sort(),
    );
  });

  it('the Bureau inspects the summaries filed: accepts one, returns another with a comment', async () => {
    for (const [clerk, unit] of [
      ['clerk.xichuan', XICHUAN],
      ['clerk.xixia', XIXIA],
      ['clerk.tanghe', TANGHE],
    ] as const) {
      expect((await as[clerk]!.post(`/units/${unit}/work-plan`, plan)).status).toBe(200);
      expect(
        (await as[clerk]!.post(`/units/${unit}/work-summary`, { summary: `${unit}已完成清理` })).status,
      ).toBe(200);
    }
    const bureau = as['supervisor.nanyang']!;
    const inspect = (unitId: string, verdict: string, comment?: string) =>
      bureau.post(`/reports/city/${CITY}/inspections`, { unitId, verdict, ...(comment ? { comment } : {}) });
    expect((await inspect(XICHUAN, 'accepted')).body).toEqual({
      cityId: CITY,
      recorded: ['SummaryInspected'],
    });
    expect((await inspect(XICHUAN, 'accepted')).body.recorded).toEqual([]);
    const bare = await inspect(XIXIA, 'returned');
    expect([bare.status, bare.body.ruleId, bare.body.details?.[0]?.field]).toEqual([
      422,
      '七(三)',
      'comment',
    ]);
    expect((await inspect(XIXIA, 'returned', '资产处置情况不全')).status).toBe(200);
    const unfiled = await inspect('henan.nanyang.neixiang', 'accepted');
    expect([unfiled.status, unfiled.body.ruleId]).toEqual([409, '七(三)']);
    const report = await bureau.get(`/reports/city/${CITY}`);
    const xixia = report.body.units.find((unit: { unitId: string }) => unit.unitId === XIXIA);
    expect(xixia.inspection).toMatchObject({ status: 'returned', comment: '资产处置情况不全' });
  });

  it('the government reviews only when every summary on file is accepted; the city then submits', async () => {
    const bureau = as['supervisor.nanyang']!;
    const early = await bureau.post(`/reports/city/${CITY}/review`, {
      decision: 'approved',
      comment: '同意',
    });
    expect([early.status, early.body.ruleId]).toEqual([409, '七(三)']);
    expect(early.body.message).toContain(XIXIA);
    expect((await bureau.post(`/reports/city/${CITY}/submission`)).status).toBe(409);
    expect(
      (await as['clerk.xixia']!.post(`/units/${XIXIA}/work-summary`, { summary: '补充资产处置情况' })).status,
    ).toBe(200);
    for (const unitId of [XIXIA, TANGHE]) {
      expect(
        (await bureau.post(`/reports/city/${CITY}/inspections`, { unitId, verdict: 'accepted' })).status,
      ).toBe(200);
    }
    const approved = await bureau.post(`/reports/city/${CITY}/review`, {
      decision: 'approved',
      comment: '同意上报',
    });
    expect(approved.body.recorded).toEqual(['CityReportReviewed']);
    expect((await bureau.post(`/reports/city/${CITY}/submission`)).body.recorded).toEqual([
      'CityReportSubmitted',
    ]);
    expect((await bureau.post(`/reports/city/${CITY}/submission`)).body.recorded).toEqual([]);
  });

  it('the province sees every city, Nanyang submitted, and its report as submitted', async () => {
    const province = await as['supervisor.henan']!.get('/reports/province/henan');
    expect(province.status).toBe(200);
    expect(province.body).toHaveLength(18);
    const nanyang = province.body.find((city: { cityId: string }) => city.cityId === CITY);
    expect(nanyang.review).toMatchObject({ decision: 'approved', comment: '同意上报' });
    submittedAt = nanyang.submittedAt;
    expect(submittedAt).toEqual(expect.any(String));
    const report = await as['supervisor.henan']!.get(`/reports/city/${CITY}?at=${submittedAt}`);
    expect(report.body.submission).toEqual({ provinceId: 'henan', submittedAt });
    expect(report.body.steps.map((step: { status: string }) => step.status)).toEqual(['met', 'met', 'met']);
    expect((await as['supervisor.nanyang']!.get('/reports/province/henan')).status).toBe(403);
  });

  it('reproduces the report as of an earlier instant exactly', async () => {
    const first = await as['supervisor.henan']!.get(`/reports/city/${CITY}?at=${before}`);
    expect(first.body.city.offices.offices).toBe(2);
    expect(first.body.submission).toBeNull();
    const again = await as['supervisor.nanyang']!.get(`/reports/city/${CITY}?at=${before}`);
    expect(again.body).toEqual(first.body);
  });

  it('downloads as an Excel workbook whose totals agree, and as a Chinese PDF, by path or by Accept', async () => {
    const path = `/reports/city/${CITY}/report.xlsx?at=${submittedAt}`;
    const workbook = await download('supervisor.nanyang', path);
    expect([workbook.status, workbook.type]).toEqual([200, XLSX]);
    expect(workbook.disposition).toContain(`report-${CITY}-`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(workbook.bytes as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('办事机构')!;
    const totals = sheet.getRow(sheet.rowCount);
    expect(totals.getCell(1).value).toBe('全市合计');
    expect((totals.getCell(2).value as { formula: string; result: number }).result).toBe(2);
    const byAccept = await download('supervisor.nanyang', `/reports/city/${CITY}?at=${submittedAt}`, XLSX);
    expect(byAccept.type).toBe(XLSX);

    for (const [name, pdf] of [
      ['path', await download('supervisor.henan', `/reports/city/${CITY}/report.pdf?at=${submittedAt}`)],
      [
        'accept',
        await download('supervisor.henan', `/reports/city/${CITY}?at=${submittedAt}`, 'application/pdf'),
      ],
    ] as const) {
      expect([name, pdf.status, pdf.type]).toEqual([name, 200, 'application/pdf']);
      const file = join(dir, `${name}.pdf`);
      writeFileSync(file, pdf.bytes);
      const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
      expect(text).toContain('南阳市清理规范驻省会城市办事机构工作汇总表');
      expect(text).toMatch(/全市合计\s+2\s/);
      expect(text).toContain('已报送省机关事务管理局');
    }
    const circulation = await download('supervisor.nanyang', `/reports/city/${CITY}/circulation.pdf`);
    expect([circulation.status, circulation.type]).toEqual([200, 'application/pdf']);
  });

  it('refuses the wrong people, a unit that is not a city and a malformed instant, naming the field', async () => {
    expect((await as['clerk.xichuan']!.get(`/reports/city/${CITY}`)).status).toBe(403);
    expect((await as['approver.nanyang']!.post(`/reports/city/${CITY}/submission`)).status).toBe(403);
    const county = await as['supervisor.nanyang']!.get(`/reports/city/${XICHUAN}`);
    expect([county.status, county.body.details?.[0]?.field, county.body.details?.[0]?.rule]).toEqual([
      400,
      'cityId',
      '七(三)',
    ]);
    const bad = await as['supervisor.nanyang']!.get(`/reports/city/${CITY}?at=yesterday`);
    expect([bad.status, bad.body.details?.[0]?.field]).toEqual([400, 'at']);
    const verdict = await as['supervisor.nanyang']!.post(`/reports/city/${CITY}/inspections`, {
      unitId: XICHUAN,
      verdict: 'maybe',
    });
    expect([verdict.status, verdict.body.details?.[0]?.field]).toEqual([400, 'verdict']);
    const late = await as['supervisor.nanyang']!.post(`/reports/city/${CITY}/inspections`, {
      unitId: XICHUAN,
      verdict: 'returned',
      comment: '再看看',
    });
    expect([late.status, late.body.ruleId]).toEqual([409, '七(三)']);
  });
});
