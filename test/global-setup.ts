// End-to-end tests run against a real Redis: use the one that answers, or start a local one.
export default async function globalSetup(): Promise<void> {
  const { ensureRedis } = require('../scripts/ensure-redis.js') as {
    ensureRedis: (log?: (line: string) => void) => Promise<unknown>;
  };
  await ensureRedis(() => undefined);
}
