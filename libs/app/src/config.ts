import { resolve } from 'node:path';
import {
  parseCalendarOverrides,
  parseEscalationLadder,
  parseTierSla,
  WorkingCalendar,
  type EscalationLadder,
  type TierSla,
} from '@liaison/domain';
import type { ReadStoreConfig } from '@liaison/projections';
import { isProduction, secretFromEnv, signInLimitsFrom, type SignInLimits } from '@liaison/auth';
import { parseWebhooks, type WebhookSubscriber } from './webhook-config';

export interface AppConfig {
  /** NODE_ENV=production: refuses the demo data, and the API refuses to start without AUTH_SECRET. */
  production: boolean;
  host: string;
  port: number;
  dataDir: string;
  eventStore: EventStoreConfig;
  readStore: ReadStoreConfig;
  /** `inline`: the API process runs the projector; `external`: a worker process does, the API polls its checkpoint. */
  projections: 'inline' | 'external';
  redisUrl: string;
  /** Prefix of every queue key in Redis (QUEUE_PREFIX), so several deployments or test runs can share one Redis. */
  queuePrefix: string;
  /** Failed sign-ins allowed per account and per client address in a window (SIGNIN_LIMIT_…), counted in Redis. */
  signInLimits: SignInLimits;
  /**
   * Which proxies' X-Forwarded-For to believe for the client address (TRUST_PROXY, Fastify's trustProxy): false
   * (none), true (any), or addresses and CIDR ranges separated by commas.
   */
  trustProxy: boolean | string;
  /** How often the worker verifies the log and anchors the heads of all streams (AUDIT_ANCHOR_MS; 0: never). */
  auditAnchorMs: number;
  /** Outside systems that receive every notice, HMAC-signed (WEBHOOKS, a JSON array). */
  webhooks: WebhookSubscriber[];
  /** Delivery attempts per notice and subscriber (WEBHOOK_ATTEMPTS, default 8), the first retry after WEBHOOK_BACKOFF_MS (default 2000), doubling. */
  webhookAttempts: number;
  webhookBackoffMs: number;
  /** How often the worker compares every pending deadline with the queue (DEADLINE_RECONCILE_MS; default 5 min). */
  reconcileIntervalMs: number;
  /** How long a command waits for the read models to show it before answering anyway (marked as lagging). */
  readModelWaitMs: number;
  /** What each tier has for a retention decision (TASK_SLA=county=5,municipal=10,…; working days unless a unit). */
  taskSla: TierSla;
  /** How long after a due date each notice goes out (ESCALATION_LADDER=reminder=0s,escalation=2,leading-group=5). */
  escalationLadder: EscalationLadder;
  /** The official working-day calendar with CALENDAR_OVERRIDES (2027-01-01=holiday,…) applied. */
  calendar: WorkingCalendar;
  seedDemo: boolean;
  /**
   * The campaign the API launches at start if none is (CAMPAIGN): `plan` (or `nanyang-2015`), the plan's own dates;
   * `demo`, the same with deadlines minutes from the first start; `none`. Default `demo` with SEED_DEMO, else plan.
   */
  campaign: 'plan' | 'nanyang-2015' | 'demo' | 'none';
  /** The unit whose campaign that is (CAMPAIGN_UNIT): a city, or the province for a province-wide campaign. */
  campaignUnit: string;
  logLevel: 'silent' | 'error' | 'warn' | 'log' | 'debug';
  /** `json` (one object a line, the default) or `pretty` (coloured text for a terminal; needs pino-pretty). */
  logFormat: 'json' | 'pretty';
  /** Where the worker serves its /metrics (METRICS_PORT, default 9464; 0: any free port; `off`: not at all). */
  metricsPort: number | 'off';
  /** When set, /metrics asks for `Authorization: Bearer <METRICS_TOKEN>` (API and worker). */
  metricsToken?: string;
  /** /health/ready fails while the oldest event the read models do not show is older than this. */
  readinessMaxLagMs: number;
  /**
   * The projection lease, where several processes run projections (docs/scale-out.md): how often a standby tries
   * to take it and the holder checks it (PROJECTION_LEASE_POLL_MS, default 1000), and on a SQLite read store how long
   * a holder keeps it without a heartbeat (PROJECTION_LEASE_TTL_MS, default 5000).
   */
  projectionLease: { pollMs: number; ttlMs: number };
}

/**
 * Configuration from the environment; defaults give the embedded, zero-setup service. The settings that may carry
 * a password (connection strings, webhook secrets) can come from a file instead, `NAME_FILE` (Docker secrets).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const production = isProduction(env);
  if (production && seedDemoOf(env)) {
    throw new Error(
      'SEED_DEMO is refused when NODE_ENV=production: the demo accounts all sign in with a published password',
    );
  }
  const dataDir = resolve(env.DATA_DIR ?? './data');
  const esdb = secretFromEnv(env, 'EVENTSTORE_CONNECTION_STRING');
  const readStoreUrl = secretFromEnv(env, 'READ_STORE_URL');
  const eventStore = eventStoreOf(env, esdb, dataDir);
  const projections = env.PROJECTIONS ?? 'inline';
  if (projections !== 'inline' && projections !== 'external') {
    throw new Error(`PROJECTIONS must be inline or external, not ${projections}`);
  }
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not ${env.PORT}`);
  const logLevel = (env.LOG_LEVEL ?? 'log') as AppConfig['logLevel'];
  if (!['silent', 'error', 'warn', 'log', 'debug'].includes(logLevel)) {
    throw new Error(`LOG_LEVEL must be silent, error, warn, log or debug, not ${logLevel}`);
  }
  const logFormat = (env.LOG_FORMAT || 'json') as AppConfig['logFormat'];
  if (logFormat !== 'json' && logFormat !== 'pretty') {
    throw new Error(`LOG_FORMAT must be json or pretty, not ${logFormat}`);
  }
  const demo = seedDemoOf(env) && campaignOf(env) === 'demo';
  const readModelWaitMs = Number(env.READ_MODEL_WAIT_MS ?? 5000);
  if (!(readModelWaitMs >= 0)) throw new Error(`READ_MODEL_WAIT_MS must be a number of milliseconds`);
  return {
    production,
    host: env.HOST ?? '127.0.0.1',
    port,
    dataDir,
    eventStore,
    readStore: readStoreUrl
      ? {
          kind: 'postgres',
          connectionString: readStoreUrl,
          ...(env.READ_STORE_SCHEMA ? { schema: env.READ_STORE_SCHEMA } : {}),
        }
      : { kind: 'sqlite', filename: resolve(dataDir, 'read-models.sqlite') },
    projections,
    redisUrl: secretFromEnv(env, 'REDIS_URL') ?? 'redis://127.0.0.1:6379',
    queuePrefix: queuePrefix(env.QUEUE_PREFIX),
    signInLimits: signInLimitsFrom(env),
    trustProxy: trustProxy(env.TRUST_PROXY),
    auditAnchorMs: wholeNumber(env.AUDIT_ANCHOR_MS, 3_600_000, 'AUDIT_ANCHOR_MS', 0, 7 * 24 * 3_600_000),
    webhooks: parseWebhooks(secretFromEnv(env, 'WEBHOOKS')),
    webhookAttempts: wholeNumber(env.WEBHOOK_ATTEMPTS, 8, 'WEBHOOK_ATTEMPTS', 1, 50),
    webhookBackoffMs: wholeNumber(env.WEBHOOK_BACKOFF_MS, 2000, 'WEBHOOK_BACKOFF_MS', 10, 3_600_000),
    reconcileIntervalMs: positiveMs(env.DEADLINE_RECONCILE_MS, 300_000, 'DEADLINE_RECONCILE_MS'),
    readModelWaitMs,
    // TASK_SLA_WORKING_DAYS is the older name of TASK_SLA.
    // The demo runs on minutes, so a newcomer sees reminders and escalations soon after starting it.
    taskSla: parseTierSla(env.TASK_SLA ?? env.TASK_SLA_WORKING_DAYS ?? (demo ? DEMO_TASK_SLA : undefined)),
    escalationLadder: parseEscalationLadder(env.ESCALATION_LADDER ?? (demo ? DEMO_LADDER : undefined)),
    calendar: new WorkingCalendar(parseCalendarOverrides(env.CALENDAR_OVERRIDES)),
    seedDemo: seedDemoOf(env),
    campaign: campaignOf(env),
    campaignUnit: env.CAMPAIGN_UNIT || 'henan.nanyang',
    logLevel,
    logFormat,
    metricsPort:
      env.METRICS_PORT === 'off'
        ? 'off'
        : wholeNumber(env.METRICS_PORT, 9464, 'METRICS_PORT (or off)', 0, 65535),
    ...(env.METRICS_TOKEN ? { metricsToken: env.METRICS_TOKEN } : {}),
    readinessMaxLagMs: wholeNumber(env.READINESS_MAX_LAG_MS, 30_000, 'READINESS_MAX_LAG_MS', 0, 86_400_000),
    projectionLease: projectionLeaseOf(env),
  };
}

export type EventStoreConfig =
  | { kind: 'sqlite'; filename: string }
  | { kind: 'eventstoredb'; connectionString: string }
  | { kind: 'postgres'; connectionString: string; schema?: string };

/**
 * EVENT_STORE: sqlite, eventstoredb (EVENTSTORE_CONNECTION_STRING) or postgres (EVENT_STORE_URL); unset, the one
 * whose connection string is given, else sqlite.
 */
function eventStoreOf(env: NodeJS.ProcessEnv, esdb: string | undefined, dataDir: string): EventStoreConfig {
  const url = secretFromEnv(env, 'EVENT_STORE_URL');
  const kind = env.EVENT_STORE || (esdb ? 'eventstoredb' : url ? 'postgres' : 'sqlite');
  switch (kind) {
    case 'sqlite':
      return { kind, filename: resolve(dataDir, 'events.sqlite') };
    case 'eventstoredb':
      if (!esdb) throw new Error('EVENT_STORE=eventstoredb needs EVENTSTORE_CONNECTION_STRING');
      return { kind, connectionString: esdb };
    case 'postgres': {
      const connectionString = url;
      if (!connectionString) {
        throw new Error(
          'EVENT_STORE=postgres needs EVENT_STORE_URL (postgres://user:password@host:5432/database)',
        );
      }
      const schema = env.EVENT_STORE_SCHEMA || undefined;
      if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
        throw new Error(
          `EVENT_STORE_SCHEMA must be lowercase letters, digits and underscores, not ${schema}`,
        );
      }
      return { kind, connectionString, ...(schema ? { schema } : {}) };
    }
    default:
      throw new Error(`EVENT_STORE must be sqlite, postgres or eventstoredb, not ${kind}`);
  }
}

function trustProxy(text: string | undefined): boolean | string {
  if (text === undefined || text === '' || text === 'false') return false;
  return text === 'true' ? true : text;
}

function queuePrefix(text: string | undefined): string {
  const prefix = text ?? 'liaison';
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(prefix)) {
    throw new Error(`QUEUE_PREFIX must be 1–64 letters, digits, dots, dashes or underscores, not ${prefix}`);
  }
  return prefix;
}

function projectionLeaseOf(env: NodeJS.ProcessEnv): AppConfig['projectionLease'] {
  const pollMs = wholeNumber(env.PROJECTION_LEASE_POLL_MS, 1000, 'PROJECTION_LEASE_POLL_MS', 10, 60_000);
  const ttlMs = wholeNumber(env.PROJECTION_LEASE_TTL_MS, 5000, 'PROJECTION_LEASE_TTL_MS', 100, 600_000);
  if (ttlMs < 2 * pollMs) {
    throw new Error(
      'PROJECTION_LEASE_TTL_MS must be at least twice PROJECTION_LEASE_POLL_MS (the heartbeat)',
    );
  }
  return { pollMs, ttlMs };
}

function positiveMs(text: string | undefined, fallback: number, field: string): number {
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 100) throw new Error(`${field} must be a whole number of ms ≥ 100`);
  return value;
}

function seedDemoOf(env: NodeJS.ProcessEnv): boolean {
  return env.SEED_DEMO === 'true' || env.SEED_DEMO === '1';
}

function campaignOf(env: NodeJS.ProcessEnv): AppConfig['campaign'] {
  const campaign = env.CAMPAIGN || (seedDemoOf(env) ? 'demo' : 'plan');
  if (campaign !== 'plan' && campaign !== 'nanyang-2015' && campaign !== 'demo' && campaign !== 'none') {
    throw new Error(`CAMPAIGN must be plan, demo or none, not ${campaign}`);
  }
  return campaign;
}

function wholeNumber(
  text: string | undefined,
  fallback: number,
  field: string,
  min: number,
  max: number,
): number {
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${field} must be a whole number from ${min} to ${max}, not ${text}`);
  }
  return value;
}

/** With SEED_DEMO and the demo campaign, unless TASK_SLA or ESCALATION_LADDER say otherwise. */
export const DEMO_TASK_SLA = 'county=3m,municipal=5m,provincial=5m';
export const DEMO_LADDER = 'reminder=0s,escalation=2m,leading-group=4m';
