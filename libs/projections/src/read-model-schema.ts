import type { Kysely } from 'kysely';

/** What a read model keeps in the read store: its tables, which a rebuild empties, and how to create them. */
export interface ReadModelSchema<Tables> {
  tables: readonly (keyof Tables & string)[];
  /** Creates what is missing (tables, indexes); safe to run on every start. */
  migrate(db: Kysely<Tables>): Promise<void>;
}
