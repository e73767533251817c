import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DomainError } from '@liaison/domain';
import { ANCHOR_STREAM, VersionConflict, type EventStore } from '@liaison/event-store';
import { AnchorLog, APP_CONFIG, EVENT_STORE } from '@liaison/application';
import { type AppConfig } from '@liaison/app';

/**
 * Verifies the log and anchors the heads of all streams when the worker starts and then every AUDIT_ANCHOR_MS, so
 * a stream removed or added wholesale is caught by the next verification, and logs the anchor hash for publishing
 * outside the system. The first anchor does not wait an interval: a log written before a restart is anchored at
 * once.
 */
@Injectable()
export class AnchorService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Audit');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly commands: CommandBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.auditAnchorMs === 0) return;
    // Not awaited: verifying a large log must not hold up the worker's start.
    this.anchorOnce();
    this.timer = setInterval(() => this.anchorOnce(true), this.config.auditAnchorMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private anchorOnce(periodic = false): void {
    this.running ??= this.anchor(periodic).finally(() => (this.running = undefined));
  }

  /**
   * With several workers, each has its own timer: a periodic round stands aside when another worker anchored within
   * the last half interval, so the log is verified and anchored about once an interval, not once per worker.
   */
  private async anchoredLately(): Promise<boolean> {
    const anchors = await this.store.readStream(ANCHOR_STREAM);
    const last = anchors[anchors.length - 1];
    return last !== undefined && Date.now() - last.recordedAt.getTime() < this.config.auditAnchorMs / 2;
  }

  private async anchor(periodic: boolean): Promise<void> {
    try {
      if (periodic && (await this.anchoredLately())) return;
      const { report, anchor } = await this.commands.execute(
        new AnchorLog({ actor: 'auditor', role: 'system', now: new Date().toISOString() }),
      );
      if (!report.intact) {
        this.logger.error(
          `the log is not intact at ${report.firstBroken!.position} (${report.firstBroken!.streamId} ` +
            `revision ${report.firstBroken!.revision}): ${report.firstBroken!.problem}; no anchor written`,
        );
      } else if (anchor) {
        this.logger.log(
          `anchored ${report.events} events in ${anchor.streams} streams up to ${anchor.upTo}: ${anchor.anchorHash}`,
        );
      }
    } catch (error) {
      // Another worker anchored at the same moment, or further: one anchor is enough.
      if (error instanceof VersionConflict || (error instanceof DomainError && error.kind === 'state'))
        return;
      this.logger.error(`anchoring failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
