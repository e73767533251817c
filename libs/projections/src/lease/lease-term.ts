/** One holding of the lease: its fencing token, and a signal that fires when this process knows it lost it. */
export interface LeaseTerm {
  epoch: number;
  since: string;
  lost: AbortSignal;
}

/**
 * Projections run in one place at a time among every process configured to run them. A process takes the lease
 * before it applies anything, and its batches check the lease's epoch in their transaction (see lease-schema.ts).
 */
export interface ProjectionLease {
  /** This process's name as a holder. */
  readonly holder: string;
  /** Waits until this process holds the lease, trying every poll interval; undefined once `signal` aborts. */
  acquire(signal: AbortSignal): Promise<LeaseTerm | undefined>;
  /** Gives the lease up (on shutdown, or after a failure), so a standby takes it at its next try. */
  release(): Promise<void>;
}
