import bcryptjs from 'bcryptjs';
import { bcrypt, PasswordHasher } from './passwords';

describe('PasswordHasher', () => {
  it('hashes natively, and its hashes and bcryptjs’s verify with each other', async () => {
    expect(bcrypt.kind).toBe('native');
    const hasher = new PasswordHasher(4);
    const password = 'pässwörd-één';
    const fromJs = await bcryptjs.hash(password, 4);
    const native = await hasher.hash(password);

    await expect(hasher.matches(password, fromJs)).resolves.toBe(true);
    await expect(hasher.matches(password, fromJs.replace(/^\$2b\$/, '$2a$'))).resolves.toBe(true);
    await expect(hasher.matches('another one', fromJs)).resolves.toBe(false);
    await expect(bcryptjs.compare(password, native)).resolves.toBe(true);
    await expect(bcryptjs.compare('another one', native)).resolves.toBe(false);
    await expect(hasher.matches(password, undefined)).resolves.toBe(false);
  });

  it('falls back to bcryptjs where the platform has no native binary, with the same hashes', async () => {
    jest.resetModules();
    jest.doMock('@node-rs/bcrypt', () => {
      throw new Error('Cannot find native binding');
    });
    const fallback = (jest.requireActual('./passwords') as typeof import('./passwords')).bcrypt;
    jest.dontMock('@node-rs/bcrypt');
    expect(fallback.kind).toBe('javascript');
    await expect(fallback.compare('pässwörd', await bcrypt.hash('pässwörd', 4))).resolves.toBe(true);
  });

  it('leaves the event loop free while it hashes', async () => {
    const hasher = new PasswordHasher(12);
    const before = performance.eventLoopUtilization();
    await Promise.all(Array.from({ length: 4 }, () => hasher.hash('correct horse battery')));
    // The share of the time the loop was busy, not a duration: a loaded machine slows both sides alike. The native
    // hasher works on other threads (the loop idles); bcryptjs computes on the loop itself (near 1).
    expect(performance.eventLoopUtilization(before).utilization).toBeLessThan(0.5);
  });
});
