import { Inject, Logger, Optional } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { OfficeContext, OfficeStream } from '@liaison/domain';
import {
  handleCommand,
  type CommandOptions,
  type CommandRequest,
  type CommandOutcome,
  type EventStore,
} from '@liaison/event-store';
import { ReadModelSync } from '../read-model-sync';
import { COMMAND_METRICS, EVENT_STORE, OFFICE_CONTEXT } from '../tokens';
import { failureOutcome, type CommandMetrics, type CommandSample } from './command-metrics';
import { ReadModelApproverRoster } from '../groups/approver-roster';
import { refreshUnitDirectory } from '../units/unit-directory';
import {
  readsJurisdictions,
  streamRegistry,
  type CommandOf,
  type EventOf,
  type StateOf,
  type StreamEntry,
  type StreamRegistry,
  type StreamType,
} from './streams';

export interface ExecuteOptions<T extends StreamType> extends CommandOptions<EventOf<T>, StateOf<T>> {
  /**
   * Read-your-writes: wait until the read models show the command before answering (the default). Off for writes
   * nobody reads back at once (notices a job sends, anchors) and where nothing may wait (start-up).
   */
  awaitReadModels?: boolean;
}

export interface ExecuteResult<T extends StreamType> extends CommandOutcome<EventOf<T>, StateOf<T>> {
  /** Set when the read models had not caught up with this command in time (lists may not show it yet). */
  readModelsLagging?: boolean;
}

/** A command to one stream of any type, dispatched through the CommandBus. */
export class ExecuteCommand<T extends StreamType = StreamType> extends Command<ExecuteResult<T>> {
  constructor(
    readonly streamType: T,
    /** What names the stream: the office id, the unit id, the deadline id… ('' for a single-stream type). */
    readonly key: string,
    readonly command: CommandOf<T>,
    readonly options: ExecuteOptions<T>,
  ) {
    super();
  }
}

/** The one command handler: every write of the service comes through here into `handleCommand`. */
@CommandHandler(ExecuteCommand)
export class ExecuteCommandHandler implements ICommandHandler<ExecuteCommand> {
  private readonly logger = new Logger('Commands');
  private readonly streams: StreamRegistry;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(OFFICE_CONTEXT) private readonly context: OfficeContext,
    // A process without read models (the command-line tools) has nothing to wait for.
    @Optional() private readonly readModels?: ReadModelSync,
    @Optional() @Inject(COMMAND_METRICS) private readonly metrics?: CommandMetrics,
  ) {
    this.streams = streamRegistry(context);
  }

  /**
   * Who can act in each candidate group, as the accounts stand at the log's head: an approver enrolled a moment
   * ago counts. Read models that lag (a stopped worker) leave the roster as the read models have it.
   */
  private async refreshRoster(): Promise<void> {
    const roster = this.context.approvers;
    if (!(roster instanceof ReadModelApproverRoster)) return;
    const head = await this.store.headPosition();
    if (head && this.readModels) {
      await this.readModels.waitFor(head).catch((error: unknown) => {
        this.logger.warn(`approvers read as the read models have them: ${String(error)}`);
      });
    }
    await roster.refresh();
  }

  async execute<T extends StreamType>(request: ExecuteCommand<T>): Promise<ExecuteResult<T>> {
    if (!this.metrics) return this.handle(request);
    const started = process.hrtime.bigint();
    const observe = (outcome: CommandSample['outcome']) =>
      this.metrics!.observe({
        stream: request.streamType,
        command: request.command.type,
        outcome,
        seconds: Number(process.hrtime.bigint() - started) / 1e9,
      });
    try {
      const result = await this.handle(request);
      observe(result.replayed ? 'replayed' : result.events.length > 0 ? 'accepted' : 'unchanged');
      return result;
    } catch (error) {
      observe(failureOutcome(error));
      throw error;
    }
  }

  private openRegulation(
    outcome: ExecuteResult<'office'>,
    options: CommandRequest & { awaitReadModels?: boolean },
  ): Promise<void> {
    return openRegulationAfter((request) => this.handle(request), outcome, options);
  }

  private async handle<T extends StreamType>({
    streamType,
    key,
    command,
    options,
  }: ExecuteCommand<T>): Promise<ExecuteResult<T>> {
    const entry = this.streams[streamType] as StreamEntry<CommandOf<T>, EventOf<T>, StateOf<T>>;
    const { awaitReadModels = true, ...handling } = options;
    const mustExist = entry.mustExist?.command(command) ? entry.mustExist : undefined;
    // Another process may have changed the tree since this one last looked: decide against the tree as it is.
    if (readsJurisdictions(streamType, command.type)) {
      await refreshUnitDirectory(this.store, this.context.jurisdictions);
    }
    if (streamType === 'office' && OPENS_TASK.has(command.type)) await this.refreshRoster();
    const fingerprint = entry.fingerprint?.(command);
    const outcome = await handleCommand(this.store, entry.streamId(key), entry.decider, command, {
      ...handling,
      ...(mustExist ? { notFound: () => mustExist.notFound(key) } : {}),
      ...(fingerprint !== undefined ? { fingerprint } : {}),
    });
    // This process's readers see a change to the tree at once, before the projector reaches it.
    if (streamType === 'unit-directory') await refreshUnitDirectory(this.store, this.context.jurisdictions);
    if (streamType === 'office') {
      await this.openRegulation(outcome as unknown as ExecuteResult<'office'>, options);
    }
    if (!awaitReadModels || !this.readModels || !outcome.position) return outcome;
    // Read-your-writes: the caller's next list query already shows the change. The events are durable by now, so
    // read models that lag (a stopped worker) must not turn a done command into an error: say so instead.
    try {
      await this.readModels.waitFor(outcome.position);
      return outcome;
    } catch (error) {
      this.logger.warn(`read models lag behind ${outcome.streamId}: ${String(error)}`);
      return { ...outcome, readModelsLagging: true };
    }
  }
}

/**
 * A retention finally approved puts the office under regulation (四, 五, 六) at once: its regulation stream opens
 * with its first deadlines, through the same path, so no duty waits for a clerk's first record. Opening is
 * idempotent, and the regulation routes open it too should this second append ever fail.
 */
async function openRegulationAfter(
  handle: (request: ExecuteCommand<'regulation'>) => Promise<unknown>,
  outcome: ExecuteResult<'office'>,
  options: CommandRequest & { awaitReadModels?: boolean },
): Promise<void> {
  const { office } = outcome.state as OfficeStream;
  if (office.status !== 'retained' || !outcome.events.some((event) => event.type === 'RetentionApproved'))
    return;
  const { officeId, name, sponsorUnitId, hostCityId } = office.office;
  await handle(
    new ExecuteCommand(
      'regulation',
      officeId,
      {
        type: 'OpenRegulation',
        data: { officeId, name, sponsorUnitId, hostCityId, retainedAt: options.now },
      },
      {
        actor: options.actor,
        role: options.role,
        now: options.now,
        ...(options.correlationId !== undefined ? { correlationId: options.correlationId } : {}),
        awaitReadModels: options.awaitReadModels ?? true,
      },
    ),
  );
}

/** The office commands whose decision may open a task: who can act in each group is read first. */
const OPENS_TASK = new Set(['RequestRetention', 'ResubmitRetention', 'DecideRetention']);

/** What dispatches an ExecuteCommand: the CommandBus, or the handler itself where there is no Nest container. */
export interface CommandDispatcher {
  execute<T extends StreamType>(command: ExecuteCommand<T>): Promise<ExecuteResult<T>>;
}
