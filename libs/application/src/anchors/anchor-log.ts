import { Inject } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  proposeAnchor,
  recordedAnchor,
  type ChainAnchored,
  type EventStore,
  type VerifyReport,
} from '@liaison/event-store';
import { ExecuteCommand } from '../commands';
import { EVENT_STORE } from '../tokens';

export interface AnchorResult {
  report: VerifyReport;
  /** Absent when the log is not intact (nothing is anchored then) or empty. */
  anchor?: ChainAnchored['data'] & { anchorHash: string };
}

/** Verify the log and anchor the heads of every stream: who asks, and when (and the request it came with). */
export class AnchorLog extends Command<AnchorResult> {
  constructor(readonly request: { actor: string; role: string; now: string; correlationId?: string }) {
    super();
  }
}

/**
 * Verifies the log, then sends the anchor computed over it to the anchors' stream as an AnchorChain command, through
 * the one command handler. Two anchorings of the same log at once give one anchor (the other answers it too); one
 * overtaken by a later anchor is refused as a conflict.
 */
@CommandHandler(AnchorLog)
export class AnchorLogHandler implements ICommandHandler<AnchorLog, AnchorResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly commands: CommandBus,
  ) {}

  async execute({ request }: AnchorLog): Promise<AnchorResult> {
    const { report, anchor } = await proposeAnchor(this.store);
    if (!anchor) return { report };
    const result = await this.commands.execute(
      new ExecuteCommand(
        'anchor',
        '',
        { type: 'AnchorChain', data: anchor },
        // The read models hold nothing of anchors.
        { ...request, awaitReadModels: false },
      ),
    );
    // The anchor appended, or (when the same one was there) the one already anchoring this log.
    return { report, anchor: await recordedAnchor(this.store, result.version - 1) };
  }
}
