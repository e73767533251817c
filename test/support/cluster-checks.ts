import type { Pool } from 'pg';
import type { Acknowledged } from '../../bench/cluster-load';

/**
 * What the cluster test checks on PostgreSQL after the load, reading the log and the read models directly: the
 * service's own answers are what is being checked.
 */

/** For each key acknowledged, the events the log holds with that key, to set against what the reply listed. */
export async function eventsByKey(
  pool: Pool,
  schema: string,
  acknowledged: Acknowledged[],
): Promise<Map<string, string[]>> {
  const keys = [...new Set(acknowledged.map((ack) => ack.key))];
  const { rows } = await pool.query(
    `SELECT metadata->>'idempotencyKey' AS key, event_id FROM ${schema}.events
      WHERE metadata->>'idempotencyKey' = ANY($1) ORDER BY position`,
    [keys],
  );
  const byKey = new Map<string, string[]>();
  for (const row of rows) byKey.set(row.key, [...(byKey.get(row.key) ?? []), row.event_id]);
  return byKey;
}

/** Deadline notices sent more than once for the same deadline and step: none may be. */
export async function duplicateNotices(pool: Pool, schema: string): Promise<unknown[]> {
  const { rows } = await pool.query(
    `SELECT stream_id, data->>'step' AS step, count(*)::int AS n FROM ${schema}.events
      WHERE type = 'DeadlineNoticeSent' GROUP BY 1, 2 HAVING count(*) > 1`,
  );
  return rows;
}

/** The notices sent for these offices' deadlines, by office. */
export async function noticesByOffice(
  pool: Pool,
  schema: string,
  officeIds: string[],
): Promise<Map<string, string[]>> {
  const { rows } = await pool.query(
    `SELECT data->>'officeId' AS office, data->>'step' AS step FROM ${schema}.events
      WHERE type = 'DeadlineNoticeSent' AND data->>'officeId' = ANY($1)`,
    [officeIds],
  );
  const byOffice = new Map<string, string[]>();
  for (const row of rows) byOffice.set(row.office, [...(byOffice.get(row.office) ?? []), row.step]);
  return byOffice;
}

/** Decision events of one task tier per office: exactly one each, whoever won the race. */
export async function decisionsByOffice(
  pool: Pool,
  schema: string,
  officeIds: string[],
): Promise<Map<string, number>> {
  const { rows } = await pool.query(
    `SELECT stream_id, count(*)::int AS n FROM ${schema}.events
      WHERE type = 'RetentionForwarded' AND stream_id = ANY($1) GROUP BY 1`,
    [officeIds.map((id) => `office-${id}`)],
  );
  return new Map(rows.map((row) => [String(row.stream_id).slice('office-'.length), row.n as number]));
}

/**
 * Every read-model table of one schema against the same table in another, row for row in a stable order. The
 * checkpoint table is compared on what it means (the position reached), not when it was written; the projection
 * lease, which says who feeds them, is not one of them.
 */
export async function readModelDifferences(pool: Pool, live: string, rebuilt: string): Promise<string[]> {
  const { rows: tables } = await pool.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`,
    [live],
  );
  const differences: string[] = [];
  for (const { table_name: table } of tables) {
    if (table === 'projection_lease') continue; // who feeds the read models, not one of them
    const select =
      table === 'checkpoints'
        ? `SELECT name, position FROM %s.checkpoints WHERE name = 'read-models'`
        : `SELECT * FROM %s.${table}`;
    const read = async (schema: string) =>
      (await pool.query(select.replace('%s', schema))).rows.map((row) => JSON.stringify(row)).sort();
    const [a, b] = await Promise.all([read(live), read(rebuilt)]);
    if (a.length !== b.length) {
      differences.push(`${table}: ${a.length} rows live, ${b.length} rebuilt`);
      continue;
    }
    const first = a.findIndex((row, i) => row !== b[i]);
    if (first >= 0) differences.push(`${table}: live ${a[first]} ≠ rebuilt ${b[first]}`);
  }
  if (tables.length === 0) differences.push(`no tables in ${live}`);
  return differences;
}

/** Polls until `probe` gives a value; fails with `what` after `ms`. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  ms: number,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
