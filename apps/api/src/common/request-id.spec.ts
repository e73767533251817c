import type { IncomingMessage } from 'node:http';
import { requestIdOf } from './request-id';

const request = (headers: Record<string, string | string[]>) => ({ headers }) as unknown as IncomingMessage;

describe('requestIdOf', () => {
  it("takes the caller's X-Request-Id, else X-Correlation-Id, when it is a plain token", () => {
    expect(requestIdOf(request({ 'x-request-id': 'desk-7-0042' }))).toBe('desk-7-0042');
    expect(requestIdOf(request({ 'x-correlation-id': 'gw:7f3a/1' }))).toBe('gw:7f3a/1');
    expect(requestIdOf(request({ 'x-request-id': 'a b', 'x-correlation-id': 'ok.1' }))).toBe('ok.1');
    expect(requestIdOf(request({ 'x-request-id': ['first', 'second'] }))).toBe('first');
  });

  it('makes a UUID for a missing, overlong or unsafe id, and gives the same answer every time it is asked', () => {
    for (const id of ['', 'x'.repeat(129), 'line\nbreak', '"quoted"', '-leading-dash', '中文']) {
      expect(requestIdOf(request({ 'x-request-id': id }))).toMatch(/^[0-9a-f]{8}-[0-9a-f-]{27}$/);
    }
    const asked = request({});
    expect(requestIdOf(asked)).toBe(requestIdOf(asked));
  });
});
