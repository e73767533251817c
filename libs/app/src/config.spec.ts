import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './config';

describe('configuration', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'config-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses the demo data in production, naming both variables', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', SEED_DEMO: 'true' })).toThrow(
      'SEED_DEMO is refused when NODE_ENV=production',
    );
    expect(loadConfig({ NODE_ENV: 'production', SEED_DEMO: 'false' })).toMatchObject({
      production: true,
      seedDemo: false,
      campaign: 'plan',
    });
    expect(loadConfig({ SEED_DEMO: 'true' })).toMatchObject({ production: false, seedDemo: true });
  });

  it('reads connection strings that carry a password from the files their *_FILE variables name', () => {
    const secret = (name: string, text: string) => {
      const file = join(dir, name);
      writeFileSync(file, `${text}\n`);
      return file;
    };
    const config = loadConfig({
      EVENTSTORE_CONNECTION_STRING_FILE: secret('esdb', 'esdb://admin:changeit@eventstore:2113?tls=true'),
      READ_STORE_URL_FILE: secret('pg', 'postgres://offices:s3cret@postgres:5432/offices'),
      REDIS_URL_FILE: secret('redis', 'redis://:s3cret@redis:6379'),
      WEBHOOKS_FILE: secret(
        'webhooks',
        '[{"id":"oa","url":"https://oa.example/hook","secret":"0123456789abcdef"}]',
      ),
    });
    expect(config.eventStore).toEqual({
      kind: 'eventstoredb',
      connectionString: 'esdb://admin:changeit@eventstore:2113?tls=true',
    });
    expect(config.readStore).toEqual({
      kind: 'postgres',
      connectionString: 'postgres://offices:s3cret@postgres:5432/offices',
    });
    expect(config.redisUrl).toBe('redis://:s3cret@redis:6379');
    expect(config.webhooks.map((hook) => hook.id)).toEqual(['oa']);
  });

  it('opens the event store on PostgreSQL with EVENT_STORE=postgres and EVENT_STORE_URL (or its file)', () => {
    const file = join(dir, 'events-url');
    writeFileSync(file, 'postgres://events:s3cret@postgres:5432/events\n');
    expect(loadConfig({ EVENT_STORE: 'postgres', EVENT_STORE_URL_FILE: file }).eventStore).toEqual({
      kind: 'postgres',
      connectionString: 'postgres://events:s3cret@postgres:5432/events',
    });
    expect(
      loadConfig({ EVENT_STORE: 'postgres', EVENT_STORE_URL: 'postgres://x@y/z', EVENT_STORE_SCHEMA: 'log' })
        .eventStore,
    ).toEqual({ kind: 'postgres', connectionString: 'postgres://x@y/z', schema: 'log' });
    expect(loadConfig({ EVENT_STORE_URL: 'postgres://x@y/z' }).eventStore.kind).toBe('postgres');
    expect(() => loadConfig({ EVENT_STORE: 'postgres' })).toThrow(
      'EVENT_STORE=postgres needs EVENT_STORE_URL',
    );
    expect(() =>
      loadConfig({
        EVENT_STORE: 'postgres',
        EVENT_STORE_URL: 'postgres://x@y/z',
        EVENT_STORE_SCHEMA: 'Log;',
      }),
    ).toThrow('EVENT_STORE_SCHEMA must be lowercase letters');
    expect(() => loadConfig({ EVENT_STORE: 'mysql' })).toThrow(
      'EVENT_STORE must be sqlite, postgres or eventstoredb, not mysql',
    );
  });

  it('refuses a *_FILE that cannot be read, or one given beside its variable', () => {
    expect(() => loadConfig({ READ_STORE_URL_FILE: join(dir, 'missing') })).toThrow(
      /READ_STORE_URL_FILE names .*missing, which cannot be read/,
    );
    const file = join(dir, 'pg');
    writeFileSync(file, 'postgres://x@y/z');
    expect(() => loadConfig({ READ_STORE_URL_FILE: file, READ_STORE_URL: 'postgres://x@y/z' })).toThrow(
      'READ_STORE_URL and READ_STORE_URL_FILE are both set',
    );
  });
});
