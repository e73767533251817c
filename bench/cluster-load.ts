import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD } from '@liaison/auth';

/**
 * The load the cluster test and benchmark put through the balancer: offices registered by a county's clerk, each
 * asked to be retained, and its first-tier task decided by two approvers at the same moment. Every command carries
 * an Idempotency-Key and is resent with it while the answer is not final (a 5xx, a dropped connection), as a client
 * of a service whose instances may die must do.
 */

export const CLERK = 'clerk.xichuan';
export const APPROVERS = ['approver.xichuan', 'approver.xichuan.2'] as const;

export interface Answer {
  status: number;
  body: any;
  /** How many times it was sent. */
  attempts: number;
  /** The last send's duration. */
  ms: number;
}

export interface Acknowledged {
  key: string;
  path: string;
  /** The events the acknowledging reply listed: each must be in the log exactly once. */
  events: { id: string; type: string; revision: number }[];
}

export interface OfficeOutcome {
  officeId: string;
  /** The first-tier task, `<officeId>/<revision>`, when the retention request was acknowledged. */
  taskId?: string;
  /** Each approver's final answer to the same decision. */
  race: number[];
}

export class Sender {
  readonly acknowledged: Acknowledged[] = [];
  /** Sends that got no final answer (a 5xx or a dropped connection, 0) and were sent again. */
  resends = 0;
  /** The same, by the status that made them resend. */
  readonly resentOn: Record<number, number> = {};
  /** Duration of every command that got a final answer on its first send, for latency figures. */
  readonly latencies: number[] = [];

  constructor(
    readonly base: string,
    private readonly giveUpMs = 120_000,
  ) {}

  async signIn(username: string): Promise<string> {
    const answer = await this.send('/auth/login', { username, password: DEMO_PASSWORD }, {});
    if (answer.status !== 200)
      throw new Error(`cannot sign in as ${username}: ${JSON.stringify(answer.body)}`);
    return answer.body.accessToken as string;
  }

  /** A command with its key: resent until it gets a final answer, which is recorded when it is a 2xx. */
  async command(token: string, path: string, body: unknown, key: string): Promise<Answer> {
    const answer = await this.send(path, body, { authorization: `Bearer ${token}`, 'idempotency-key': key });
    if (answer.status < 300) {
      this.acknowledged.push({ key, path, events: answer.body?.events ?? [] });
    }
    if (answer.attempts === 1) this.latencies.push(answer.ms);
    return answer;
  }

  /** Polls a GET until it answers 200 (what a client does after a reply marked readModelsLagging). */
  async waitFor(token: string, path: string): Promise<void> {
    const until = Date.now() + this.giveUpMs;
    for (;;) {
      try {
        const response = await fetch(`${this.base}${path}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        await response.arrayBuffer();
        if (response.ok) return;
      } catch {
        // the instance died under the request
      }
      if (Date.now() > until) throw new Error(`${path}: not there within ${this.giveUpMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  private async send(path: string, body: unknown, headers: Record<string, string>): Promise<Answer> {
    const until = Date.now() + this.giveUpMs;
    for (let attempts = 1; ; attempts++) {
      const started = performance.now();
      let status: number;
      let parsed: any;
      try {
        const response = await fetch(`${this.base}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(30_000),
        });
        status = response.status;
        const text = await response.text();
        parsed =
          text && (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text;
      } catch {
        status = 0; // the connection died with the instance, or the balancer had no server for a moment
      }
      const ms = performance.now() - started;
      if (status !== 0 && status < 500) return { status, body: parsed, attempts, ms };
      if (Date.now() > until)
        throw new Error(`${path}: no final answer in ${this.giveUpMs} ms (last ${status})`);
      this.resends++;
      this.resentOn[status] = (this.resentOn[status] ?? 0) + 1;
      await new Promise((resolve) => setTimeout(resolve, 50 * Math.min(attempts, 10)));
    }
  }
}

export const RETENTION = {
  justification: '承担对口援助联络服务',
  functions: ['economic-cooperation', 'government-liaison'],
  decoupledFromBusinessEntities: true,
};

export interface Tokens {
  clerk: string;
  approvers: string[];
}

export async function signInAll(sender: Sender): Promise<Tokens> {
  return {
    clerk: await sender.signIn(CLERK),
    approvers: await Promise.all(APPROVERS.map((name) => sender.signIn(name))),
  };
}

/** Registers one office, asks to retain it, and has both approvers approve its task at once. */
export async function officeRace(
  sender: Sender,
  tokens: Tokens,
  onRegistered: () => void = () => {},
): Promise<OfficeOutcome> {
  const officeId = randomUUID();
  const registered = await sender.command(
    tokens.clerk,
    '/offices',
    {
      officeId,
      name: '淅川县人民政府驻乌鲁木齐办事处',
      sponsorUnitId: 'henan.nanyang.xichuan',
      hostCityId: 'urumqi',
      pairedAssistance: true,
    },
    `${officeId}-register`,
  );
  if (registered.status !== 201)
    throw new Error(`registration: ${registered.status} ${JSON.stringify(registered.body)}`);
  onRegistered();
  const requested = await sender.command(
    tokens.clerk,
    `/offices/${officeId}/retention-request`,
    RETENTION,
    `${officeId}-retain`,
  );
  if (requested.status >= 300)
    throw new Error(`retention: ${requested.status} ${JSON.stringify(requested.body)}`);
  const opened = (requested.body.events as Acknowledged['events']).find(
    (e) => e.type === 'RetentionRequested',
  );
  if (!opened) throw new Error(`retention: no RetentionRequested in ${JSON.stringify(requested.body)}`);
  const taskId = `${officeId}/${opened.revision}`;
  // Answered before the read models showed it (their worker was down): the approvers would not find it yet.
  if (requested.body.readModelsLagging) await sender.waitFor(tokens.approvers[0]!, `/tasks/${taskId}`);
  const race = await Promise.all(
    tokens.approvers.map((token, i) =>
      sender.command(
        token,
        `/tasks/${taskId}/decision`,
        { decision: 'approve', comment: '符合对口援助条件' },
        `${officeId}-decide-${i}`,
      ),
    ),
  );
  return { officeId, taskId, race: race.map((answer) => answer.status) };
}

/** `offices` races on `lanes` concurrent clients; resolves when all are done. */
export async function runRaces(
  sender: Sender,
  tokens: Tokens,
  offices: number,
  lanes: number,
  onRegistered: (count: number) => void = () => {},
): Promise<OfficeOutcome[]> {
  const outcomes: OfficeOutcome[] = [];
  let started = 0;
  let registered = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (started < offices) {
        started++;
        outcomes.push(await officeRace(sender, tokens, () => onRegistered(++registered)));
      }
    }),
  );
  return outcomes;
}
