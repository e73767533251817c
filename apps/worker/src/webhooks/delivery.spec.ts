import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deliverWebhook, redactUrl, type WebhookJob } from './delivery';

const JOB: WebhookJob = { subscriberId: 's', deliveryId: 's.e1', notice: { step: 'reminder' } };

describe('webhook URLs in errors, logs and failed jobs', () => {
  let server: Server;
  let port: number;
  const received: { url?: string; authorization?: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      received.push({ url: req.url, authorization: req.headers.authorization });
      res.writeHead(req.url?.startsWith('/ok') ? 204 : 503).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('redacts the user name, the password and query values', () => {
    expect(redactUrl('https://ops:pa55word@hooks.example/in?token=s3cret&x=1')).toBe(
      'https://***:***@hooks.example/in?token=***&x=***',
    );
    expect(redactUrl('https://hooks.example/in')).toBe('https://hooks.example/in');
    expect(redactUrl('not a url')).toBe('(an invalid URL)');
  });

  it('names a failing receiver without its token', async () => {
    const url = `http://127.0.0.1:${port}/in?token=s3cret`;
    const delivery = deliverWebhook({ id: 's', url, secret: 'k' }, JOB);
    await expect(delivery).rejects.toThrow(`s: http://127.0.0.1:${port}/in?token=*** answered 503`);
  });

  it('names an unreachable receiver without its credentials', async () => {
    const url = 'http://ops:pa55word@127.0.0.1:1/in?token=s3cret'; // nothing listens on port 1
    const error = await deliverWebhook({ id: 's', url, secret: 'k' }, JOB).catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).not.toMatch(/pa55word|s3cret/);
    expect((error as Error).message).toContain('unreachable');
  });

  it('signs in to a receiver whose URL holds credentials with Basic auth, and names it without them', async () => {
    received.length = 0;
    const ok = `http://ops%40site:pa55%3Aword@127.0.0.1:${port}/ok`;
    await expect(deliverWebhook({ id: 's', url: ok, secret: 'k' }, JOB)).resolves.toBe(204);
    expect(received).toEqual([
      { url: '/ok', authorization: `Basic ${Buffer.from('ops@site:pa55:word').toString('base64')}` },
    ]);
    const failing = `http://ops:pa55word@127.0.0.1:${port}/in`;
    const error = await deliverWebhook({ id: 's', url: failing, secret: 'k' }, JOB).catch(
      (caught: Error) => caught,
    );
    expect((error as Error).message).toBe(`s: http://***:***@127.0.0.1:${port}/in answered 503`);
  });
});
