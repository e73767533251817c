import { createHash, timingSafeEqual } from 'node:crypto';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CommandMetrics, CommandSample } from '@liaison/application';

/** Seconds: from a cached replay (well under a millisecond) to a command that waited out READ_MODEL_WAIT_MS. */
const COMMAND_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The process's Prometheus registry (one per process, never prom-client's global one, so tests can start several
 * applications side by side): Node's own figures and the commands through the one handler. The API adds the read
 * models' lag and the queue depths, the worker the deadline notices and webhook deliveries.
 */
export class ServiceMetrics implements CommandMetrics {
  readonly registry = new Registry();

  private readonly commands = new Counter({
    name: 'liaison_commands_total',
    help: 'Commands through the one command handler, by stream type, command type and outcome',
    labelNames: ['stream', 'command', 'outcome'] as const,
    registers: [this.registry],
  });

  private readonly commandSeconds = new Histogram({
    name: 'liaison_command_duration_seconds',
    help: 'Time from dispatch to answer of a command, including the wait for the read models to show it',
    labelNames: ['stream', 'command'] as const,
    buckets: COMMAND_BUCKETS,
    registers: [this.registry],
  });

  private readonly leaseHeld = new Gauge({
    name: 'liaison_projection_lease_held',
    help: 'Whether this process holds the projection lease and feeds the read models (1) or stands by (0)',
    registers: [this.registry],
  });

  private readonly leaseEpoch = new Gauge({
    name: 'liaison_projection_lease_epoch',
    help: 'The epoch (fencing token) of the projection lease as this process last took it',
    registers: [this.registry],
  });

  private readonly leaseTaken = new Counter({
    name: 'liaison_projection_lease_acquired_total',
    help: 'Times this process took the projection lease',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** The projection lease taken (its epoch) or lost (undefined) by this process. */
  projectionLease(epoch: number | undefined): void {
    this.leaseHeld.set(epoch === undefined ? 0 : 1);
    if (epoch === undefined) return;
    this.leaseEpoch.set(epoch);
    this.leaseTaken.inc();
  }

  observe({ stream, command, outcome, seconds }: CommandSample): void {
    this.commands.inc({ stream, command, outcome });
    this.commandSeconds.observe({ stream, command }, seconds);
  }
}

/** Whether a scrape may read /metrics: always without METRICS_TOKEN, else only with it as a bearer token. */
export function metricsScrapeAllowed(token: string | undefined, authorization: string | undefined): boolean {
  if (token === undefined) return true;
  const given = authorization?.startsWith('Bearer ') ? authorization.slice(7) : '';
  // Compared as digests, so neither the length nor the content leaks through timing.
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(token));
}
