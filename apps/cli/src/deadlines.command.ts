import { parseArgs } from 'node:util';
import { createEventStore, loadConfig, withCommandBus } from '@liaison/app';
import { ExecuteCommand } from '@liaison/application';
import { credentialsFile, migrateCredentials, SqliteCredentialStore } from '@liaison/auth';
import {
  OFFICE_STREAM_PREFIX,
  officeContext,
  openedTier,
  TASK_CLOSING_EVENTS,
  taskIdOf,
  type OfficeCommand,
  type OfficeEvent,
} from '@liaison/domain';
import type { EventStore, Position } from '@liaison/event-store';
import { UsageError, type CliIo, type Command } from './command';
import { count } from './progress';

const PAGE = 5_000;

/**
 * What the log says of each office's tasks (a ruling task opened by the registration of an office the plan does not
 * cover, and each tier visit of a retention request): when each opened, which have a recorded due date, which is
 * open.
 */
interface OfficeTasks {
  arrivals: Map<string, string>;
  dated: Set<string>;
  open?: string;
}

async function scanTasks(store: EventStore, io: CliIo): Promise<Map<string, OfficeTasks>> {
  const offices = new Map<string, OfficeTasks>();
  let after: Position | undefined;
  let read = 0;
  for (;;) {
    const page = await store.readAll({ ...(after ? { after } : {}), maxCount: PAGE });
    if (page.length === 0) break;
    for (const recorded of page) {
      if (!recorded.streamId.startsWith(OFFICE_STREAM_PREFIX)) continue;
      const officeId = recorded.streamId.slice(OFFICE_STREAM_PREFIX.length);
      const event = { type: recorded.type, data: recorded.data } as OfficeEvent;
      const tasks: OfficeTasks = offices.get(officeId) ?? { arrivals: new Map(), dated: new Set() };
      offices.set(officeId, tasks);
      if (openedTier(event) !== undefined) {
        tasks.open = taskIdOf(officeId, Number(recorded.revision));
        tasks.arrivals.set(tasks.open, recorded.metadata.occurredAt);
      } else if (TASK_CLOSING_EVENTS.has(event.type)) {
        delete tasks.open;
      } else if (event.type === 'DeadlineSet') {
        tasks.dated.add(event.data.taskId);
      }
    }
    read += page.length;
    after = page[page.length - 1]!.position;
    if (io.stderr.isTTY) io.stderr.write(`\rreading the log… ${count(read)} events`);
  }
  if (io.stderr.isTTY) io.stderr.write('\n');
  return offices;
}

function options(args: readonly string[], name: string, reasonRequired: boolean) {
  try {
    const { values } = parseArgs({
      args: [...args],
      options: { reason: { type: 'string' }, actor: { type: 'string', default: 'operator' } },
      strict: true,
      allowPositionals: false,
    });
    const reason = values.reason?.trim();
    if (reasonRequired && !reason)
      throw new UsageError(`${name}: --reason "…" is required: it goes on record`);
    return { reason: reason ?? '', actor: values.actor };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${name}: ${(error as Error).message}`);
  }
}

/** Runs one office command per office as the operator, reporting how many recorded something. */
async function runForOffices(
  io: CliIo,
  actor: string,
  pick: (tasks: OfficeTasks) => OfficeCommand | undefined,
): Promise<{ offices: number; changed: number; events: number }> {
  const config = loadConfig(io.env);
  const store = createEventStore(config);
  const context = officeContext({ sla: config.taskSla, calendar: config.calendar });
  try {
    const offices = await scanTasks(store, io);
    return await withCommandBus(
      store,
      async (bus) => {
        let changed = 0;
        let events = 0;
        let picked = 0;
        for (const [officeId, tasks] of offices) {
          const command = pick(tasks);
          if (!command) continue;
          picked++;
          const result = await bus.execute(
            new ExecuteCommand('office', officeId, command, {
              actor,
              role: 'admin',
              now: new Date().toISOString(),
              awaitReadModels: false,
            }),
          );
          if (result.events.length > 0) changed++;
          events += result.events.length;
        }
        return { offices: picked, changed, events };
      },
      context,
    );
  } finally {
    await store.close();
  }
}

export const migrateCommand: Command = {
  usage: 'migrate [--actor NAME]',
  summary:
    'Records the due date of every task that has none (a log written before due dates were events), by the\n' +
    'TASK_SLA and calendar configured: run it once with the configuration the service ran with. Copies the\n' +
    'password hashes of accounts whose password was set in the log before it kept none into the credential\n' +
    'store (docs/security.md). Idempotent.',
  async run(args, io) {
    const { actor } = options(args, 'migrate', false);
    const { changed, events } = await runForOffices(io, actor, (tasks) => {
      const missing = [...tasks.arrivals].filter(([taskId]) => !tasks.dated.has(taskId));
      if (missing.length === 0) return undefined;
      return {
        type: 'RecordTaskDeadlines',
        data: { tasks: missing.map(([taskId, arrivedAt]) => ({ taskId, arrivedAt })) },
      };
    });
    io.stdout.write(`recorded ${count(events)} due dates in ${count(changed)} offices\n`);
    const copied = await migrateAccountCredentials(loadConfig(io.env));
    io.stdout.write(`copied ${count(copied)} password hashes from the log into the credential store\n`);
    return 0;
  },
};

export const applySlaCommand: Command = {
  usage: 'apply-sla --reason "…" [--actor NAME]',
  summary:
    'Applies the TASK_SLA (and CALENDAR_OVERRIDES) now configured to every open task: each due date that moves\n' +
    'is recorded with the reason and who applied it. A changed TASK_SLA moves nothing until this runs.',
  async run(args, io) {
    const { reason, actor } = options(args, 'apply-sla', true);
    const { offices, changed } = await runForOffices(io, actor, (tasks) =>
      tasks.open && tasks.dated.has(tasks.open) ? { type: 'ApplyTaskSla', data: { reason } } : undefined,
    );
    io.stdout.write(`${count(changed)} of ${count(offices)} open tasks re-dated\n`);
    return 0;
  },
};

/** The hashes older account events carry, copied beside the log (see migrateCredentials). */
async function migrateAccountCredentials(config: ReturnType<typeof loadConfig>): Promise<number> {
  const store = createEventStore(config);
  const credentials = new SqliteCredentialStore(credentialsFile(config));
  try {
    return await migrateCredentials(store, credentials);
  } finally {
    credentials.close();
    await store.close();
  }
}
