import type { Pool } from 'pg';
import { APPENDED_CHANNEL } from './postgres-listener';

/** Bumped with every change to the tables or the append function; the store migrates older schemas when it opens. */
export const POSTGRES_EVENT_STORE_VERSION = 1;

const TABLES = `
CREATE TABLE IF NOT EXISTS events (
  position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id text NOT NULL UNIQUE,
  stream_id text NOT NULL,
  revision bigint NOT NULL,
  type text NOT NULL,
  data json NOT NULL,
  metadata json NOT NULL,
  recorded_at timestamptz NOT NULL,
  UNIQUE (stream_id, revision)
);
CREATE TABLE IF NOT EXISTS event_store_schema (
  id int PRIMARY KEY CHECK (id = 1),
  version int NOT NULL
)`;

/**
 * Writes a batch of appends in the caller's transaction and returns one row per append, in order.
 *
 * The table lock serialises appends: a position is handed out only by the transaction holding it, and the lock is
 * released after the commit is visible, so positions become visible in increasing order. A reader that has passed a
 * position never sees a lower one appear later (which a bare sequence allows: a transaction can take a number and
 * commit after one that took a higher number). Readers are not blocked: EXCLUSIVE mode allows plain SELECTs.
 *
 * Since nothing else writes while the lock is held, every check is a read: no subtransaction per append (they would
 * cost an XID each and overflow the subtransaction cache on large batches).
 *
 * After a batch that wrote, a notification on APPENDED_CHANNEL wakes the other processes' subscriptions.
 *
 * Outcomes: written (revision and position of the last event written), unchanged (an empty append, or a retry of
 * events already stored: the original last revision and position), wrong_revision (revision: the actual one, NULL
 * for no stream) and id_conflict (event_id and detail say which id and where it is).
 */
const APPEND_FUNCTION = `
CREATE OR REPLACE FUNCTION append_events(
  p_streams text[], p_expected text[], p_counts int[],
  p_ids text[], p_types text[], p_data text[], p_metadata text[], p_recorded_at timestamptz[]
) RETURNS TABLE (o_outcome text, o_revision bigint, o_position bigint, o_event_id text, o_detail text)
LANGUAGE plpgsql AS $fn$
DECLARE
  i int;
  v_first int := 1;
  n int;
  v_stream text;
  v_expected text;
  v_ids text[];
  v_stored_stream text;
  v_stored_revision bigint;
  v_stored_ids text[];
  v_head_revision bigint;
  v_head_position bigint;
  v_ok boolean;
  v_wrote boolean := false;
BEGIN
  LOCK TABLE events IN EXCLUSIVE MODE;
  FOR i IN 1 .. coalesce(array_length(p_streams, 1), 0) LOOP
    v_stream := p_streams[i];
    v_expected := p_expected[i];
    n := p_counts[i];
    v_ids := p_ids[v_first : v_first + n - 1];
    o_outcome := NULL; o_revision := NULL; o_position := NULL; o_event_id := NULL; o_detail := NULL;
    IF n > 0 THEN
      -- A retry is recognised by its ids alone, before the revision check: the stream may have moved on since.
      SELECT e.stream_id, e.revision INTO v_stored_stream, v_stored_revision
        FROM events e WHERE e.event_id = v_ids[1];
      IF FOUND THEN
        IF v_stored_stream <> v_stream THEN
          o_outcome := 'id_conflict'; o_event_id := v_ids[1];
          o_detail := format('is already stored in stream %s', v_stored_stream);
        ELSE
          SELECT array_agg(s.event_id ORDER BY s.revision), max(s.revision), max(s.position)
            INTO v_stored_ids, o_revision, o_position
            FROM (SELECT e.event_id, e.revision, e.position FROM events e
                   WHERE e.stream_id = v_stream AND e.revision >= v_stored_revision
                   ORDER BY e.revision LIMIT n) s;
          IF v_stored_ids = v_ids THEN
            o_outcome := 'unchanged';
          ELSE
            o_outcome := 'id_conflict'; o_event_id := v_ids[1]; o_revision := NULL; o_position := NULL;
            o_detail := format('is already stored at revision %s but the rest of the append does not match '
              'what follows it', v_stored_revision);
          END IF;
        END IF;
        RETURN NEXT; v_first := v_first + n; CONTINUE;
      END IF;
      SELECT e.event_id, e.stream_id, e.revision INTO o_event_id, v_stored_stream, v_stored_revision
        FROM events e WHERE e.event_id = ANY (v_ids) ORDER BY e.position LIMIT 1;
      IF FOUND THEN
        o_outcome := 'id_conflict';
        o_detail := format('is already stored in stream %s at revision %s', v_stored_stream, v_stored_revision);
        RETURN NEXT; v_first := v_first + n; CONTINUE;
      END IF;
    END IF;
    SELECT e.revision, e.position INTO v_head_revision, v_head_position
      FROM events e WHERE e.stream_id = v_stream ORDER BY e.revision DESC LIMIT 1;
    IF NOT FOUND THEN v_head_revision := NULL; v_head_position := NULL; END IF;
    IF v_expected = 'any' THEN v_ok := true;
    ELSIF v_expected = 'no_stream' THEN v_ok := v_head_revision IS NULL;
    ELSIF v_expected = 'stream_exists' THEN v_ok := v_head_revision IS NOT NULL;
    ELSE v_ok := v_head_revision IS NOT DISTINCT FROM v_expected::bigint;
    END IF;
    IF NOT v_ok THEN
      o_outcome := 'wrong_revision'; o_revision := v_head_revision;
    ELSIF n = 0 THEN
      o_outcome := 'unchanged'; o_revision := coalesce(v_head_revision, -1); o_position := v_head_position;
    ELSE
      WITH written AS (
        INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at)
        SELECT p_ids[v_first + k], v_stream, coalesce(v_head_revision, -1) + 1 + k, p_types[v_first + k],
               p_data[v_first + k]::json, p_metadata[v_first + k]::json, p_recorded_at[v_first + k]
          FROM generate_series(0, n - 1) AS k ORDER BY k
        RETURNING events.revision, events.position
      )
      SELECT max(w.revision), max(w.position) INTO o_revision, o_position FROM written w;
      o_outcome := 'written';
      v_wrote := true;
    END IF;
    RETURN NEXT;
    v_first := v_first + n;
  END LOOP;
  -- Delivered at commit, to the other processes' live subscriptions.
  IF v_wrote THEN PERFORM pg_notify('${APPENDED_CHANNEL}', current_schema()); END IF;
END
$fn$`;

/**
 * Creates the tables and the append function, or brings an older schema up to date. Idempotent, and safe when
 * several processes (the API and the worker) open the store at once: they take turns on an advisory lock.
 */
export async function migrateEventStore(pool: Pool, schema: string | undefined): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('liaison.event_store'), hashtext($1))`, [
      schema ?? '',
    ]);
    if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(TABLES);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM event_store_schema');
    const stored = rows[0]?.version ?? 0;
    if (stored > POSTGRES_EVENT_STORE_VERSION) {
      throw new Error(
        `the event store schema is at version ${stored}, newer than this service's ` +
          `${POSTGRES_EVENT_STORE_VERSION}: run the newer service, or a backup taken for this one`,
      );
    }
    // Version 1 is the first: later versions add their steps here, each guarded by `stored < N`.
    await client.query(APPEND_FUNCTION);
    await client.query(
      `INSERT INTO event_store_schema (id, version) VALUES (1, $1)
         ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version`,
      [POSTGRES_EVENT_STORE_VERSION],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Refuses a schema name that could not be used unquoted in SQL (it is interpolated into statements). */
export function checkSchemaName(schema: string | undefined): void {
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`invalid event store schema name ${schema}: lowercase letters, digits and underscores`);
  }
}
