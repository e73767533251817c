import { Inject, Logger, Optional } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { OfficeContext } from '@liaison/domain';
import {
  handleCommand,
  type CommandOptions,
  type CommandOutcome,
  type EventStore,
} from '@liaison/event-store';
import { ReadModelSync } from '../read-model-sync';
import { COMMAND_METRICS, EVENT_STORE, OFFICE_CONTEXT } from '../tokens';
import { failureOutcome, type CommandMetrics, type CommandSample } from './command-metrics';
import {
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
    @Inject(OFFICE_CONTEXT) context: OfficeContext,
    // A process without read models (the command-line tools) has nothing to wait for.
    @Optional() private readonly readModels?: ReadModelSync,
    @Optional() @Inject(COMMAND_METRICS) private readonly metrics?: CommandMetrics,
  ) {
    this.streams = streamRegistry(context);
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

  private async handle<T extends StreamType>({
    streamType,
    key,
    command,
    options,
  }: ExecuteCommand<T>): Promise<ExecuteResult<T>> {
    const entry = this.streams[streamType] as StreamEntry<CommandOf<T>, EventOf<T>, StateOf<T>>;
    const { awaitReadModels = true, ...handling } = options;
    const mustExist = entry.mustExist?.command(command) ? entry.mustExist : undefined;
    const outcome = await handleCommand(this.store, entry.streamId(key), entry.decider, command, {
      ...handling,
      ...(mustExist ? { notFound: () => mustExist.notFound(key) } : {}),
    });
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

/** What dispatches an ExecuteCommand: the CommandBus, or the handler itself where there is no Nest container. */
export interface CommandDispatcher {
  execute<T extends StreamType>(command: ExecuteCommand<T>): Promise<ExecuteResult<T>>;
}
