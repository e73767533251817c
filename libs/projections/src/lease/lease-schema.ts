import { sql, type Kysely, type Transaction } from 'kysely';

/**
 * The one row that says which process feeds the read models. `epoch` is the fencing token: each new holder adds
 * one, and every batch checks inside its transaction that it is still the epoch its projector took, so a holder
 * that lost the lease without knowing it (a paused process, a dropped connection) has its batch rolled back.
 * Not a read model: a rebuild leaves it alone.
 */
export interface ProjectionLeaseRow {
  id: number;
  epoch: number;
  /** The holder's name (process id, host and a token of its own), null once released. */
  holder: string | null;
  /** When the holder took the lease (ISO-8601). */
  since: string | null;
  /** SQLite: until when the holder's last heartbeat keeps it (ISO-8601). */
  expires_at: string | null;
  /**
   * PostgreSQL: the server process of the holder's lock connection, to tell whether it still holds the lock.
   * SQLite: the holder's own process id, so that a holder found dead on this host is replaced without waiting.
   */
  backend_pid: number | null;
  /** The holder's host name. */
  host: string | null;
}

export interface LeaseTables {
  projection_lease: ProjectionLeaseRow;
}

export async function migrateLease(db: Kysely<LeaseTables>): Promise<void> {
  await db.schema
    .createTable('projection_lease')
    .ifNotExists()
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('epoch', 'integer', (c) => c.notNull())
    .addColumn('holder', 'text')
    .addColumn('since', 'text')
    .addColumn('expires_at', 'text')
    .addColumn('backend_pid', 'integer')
    .addColumn('host', 'text')
    .execute();
  await db
    .insertInto('projection_lease')
    .values({ id: 1, epoch: 0, holder: null, since: null, expires_at: null, backend_pid: null, host: null })
    .onConflict((c) => c.column('id').doNothing())
    .execute();
}

/**
 * Whether `epoch` is still the lease's, read inside a batch's transaction. On PostgreSQL the row is read FOR SHARE:
 * a new holder's increment waits for this batch to commit, or, committed first, is what this read sees. On SQLite
 * the batch already holds the write lock (its checkpoint is written first), so nothing changes the row meanwhile.
 */
export async function leaseStillHeld(
  trx: Transaction<LeaseTables>,
  kind: 'sqlite' | 'postgres',
  epoch: number,
): Promise<boolean> {
  const query = sql<{ epoch: number }>`SELECT epoch FROM projection_lease WHERE id = 1${
    kind === 'postgres' ? sql` FOR SHARE` : sql``
  }`;
  const { rows } = await query.execute(trx);
  return rows[0] !== undefined && Number(rows[0].epoch) === epoch;
}
