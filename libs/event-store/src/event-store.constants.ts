/** Page size of readAll when maxCount is omitted, so that a careless caller cannot load the whole log at once. */
export const DEFAULT_READ_ALL_MAX_COUNT = 1000;

/**
 * The largest append every adapter accepts, in bytes: EventStoreDB's default `MaxAppendSize` (1 MiB), counted as the
 * server counts it (see `appendSize`). SQLite and PostgreSQL could store more; they refuse it too, so that an append
 * accepted by the embedded store is never refused in production.
 */
export const MAX_APPEND_BYTES = 1024 * 1024;
