import { Inject, Logger } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { OfficeCommand, OfficeContext } from '@liaison/domain';
import type { EventStore } from '@liaison/event-store';
import { executeOfficeCommand, type CommandMeta, type CommandResult } from '@liaison/event-store';
import { EVENT_STORE, OFFICE_CONTEXT } from './tokens';
import { ReadModelSync } from './read-model-sync';

/** Any office command, dispatched through the CommandBus; the result says what was appended. */
export class ExecuteOfficeCommand extends Command<CommandResult> {
  constructor(
    readonly officeId: string,
    readonly command: OfficeCommand,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(ExecuteOfficeCommand)
export class ExecuteOfficeCommandHandler implements ICommandHandler<ExecuteOfficeCommand, CommandResult> {
  private readonly logger = new Logger('Commands');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(OFFICE_CONTEXT) private readonly context: OfficeContext,
    private readonly readModels: ReadModelSync,
  ) {}

  async execute({ officeId, command, meta }: ExecuteOfficeCommand): Promise<CommandResult> {
    const result = await executeOfficeCommand(this.store, this.context, officeId, command, meta);
    // Read-your-writes: the caller's next list query already shows the change. The events are durable by now, so
    // read models that lag (a stopped worker) must not turn a done command into an error: say so instead.
    try {
      await this.readModels.waitFor(result.position);
      return result;
    } catch (error) {
      this.logger.warn(`read models lag behind ${officeId}: ${String(error)}`);
      return { ...result, readModelsLagging: true };
    }
  }
}
