import { registration, signedIn, startApp, type Client, type RunningApp } from './support/app';

/** Requests the fuzz suite (fuzz.e2e-spec.ts) once answered with a 5xx: each is now a 4xx naming the field, or done. */
let running: RunningApp;
let api: Client;

beforeAll(async () => {
  running = await startApp({ LOG_LEVEL: process.env.FINDINGS_LOG ?? 'silent' });
  api = await signedIn(running.url, 'admin');
}, 30_000);

afterAll(async () => {
  await running.close();
});

async function abolishedOfficeWithLand(): Promise<string> {
  const reply = await api.post(
    '/offices',
    registration('henan.nanyang.neixiang', 'zhengzhou', {
      assets: [{ assetId: 'land-1', kind: 'land', description: '办公用地', bookValue: 3200000 }],
    }),
  );
  expect(reply.status).toBe(201);
  const officeId = reply.body.officeId as string;
  expect(
    (await api.post(`/offices/${officeId}/abolition`, { decisionReference: '内政〔2015〕3号' })).status,
  ).toBe(200);
  return officeId;
}

/** Fractions JavaScript writes with an exponent and no dot, which class-validator's decimal-places check threw on. */
const TINY = [7e-323, 5e-324, 1e-7];

describe('amounts in yuan', () => {
  it.each(TINY)('refuses a disposal value of %s', async (value) => {
    const officeId = await abolishedOfficeWithLand();
    const reply = await api.post(`/offices/${officeId}/asset-disposals`, {
      assetId: 'land-1',
      method: 'public-auction',
      recipient: '竞得人',
      recipientKind: 'private-party',
      value,
      approvalReference: '内国资〔2015〕2号',
    });
    expect(reply.body).toMatchObject({ statusCode: 400, details: [{ field: 'value' }] });
  });

  it.each(TINY)(
    'refuses a book value of %s, on registration and on an asset added later',
    async (bookValue) => {
      const asset = { assetId: 'car-1', kind: 'vehicle', description: '公务用车', bookValue };
      const registered = await api.post(
        '/offices',
        registration('henan.nanyang.neixiang', 'zhengzhou', { assets: [asset] }),
      );
      expect(registered.body).toMatchObject({ statusCode: 400, details: [{ field: 'assets[0].bookValue' }] });
      const officeId = (await api.post('/offices', registration('henan.nanyang.neixiang', 'zhengzhou'))).body
        .officeId as string;
      const added = await api.post(`/offices/${officeId}/assets`, asset);
      expect(added.body).toMatchObject({ statusCode: 400, details: [{ field: 'bookValue' }] });
    },
  );
});
