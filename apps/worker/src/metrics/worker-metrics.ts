import { Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import type { EscalationStep } from '@liaison/domain';
import { ServiceMetrics } from '@liaison/app';

/** From a job taken on time (tens of ms) to one that waited out a worker's absence. */
const LATENESS_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600];

/** The worker's own figures, beside the commands it sends (notices, anchors) and Node's. */
@Injectable()
export class WorkerMetrics {
  private readonly lateness: Histogram;
  private readonly notices: Counter<'step' | 'kind'>;
  private readonly deliveries: Counter<'subscriber' | 'outcome'>;

  constructor(metrics: ServiceMetrics) {
    const registers = [metrics.registry];
    this.lateness = new Histogram({
      name: 'liaison_deadline_notice_lateness_seconds',
      help: 'How long after its due time a deadline job started (first attempts only)',
      buckets: LATENESS_BUCKETS,
      registers,
    });
    this.notices = new Counter({
      name: 'liaison_deadline_notices_sent_total',
      help: 'Notices of the escalation ladder sent, by step (reminder, escalation, leading-group) and deadline kind',
      labelNames: ['step', 'kind'] as const,
      registers,
    });
    this.deliveries = new Counter({
      name: 'liaison_webhook_deliveries_total',
      help: 'Webhook delivery attempts by subscriber and outcome (delivered, retrying, failed: given up)',
      labelNames: ['subscriber', 'outcome'] as const,
      registers,
    });
  }

  jobStarted(lateMs: number): void {
    this.lateness.observe(Math.max(0, lateMs) / 1000);
  }

  noticeSent(step: EscalationStep, kind: string): void {
    this.notices.inc({ step, kind });
  }

  delivery(subscriber: string, outcome: 'delivered' | 'retrying' | 'failed'): void {
    this.deliveries.inc({ subscriber, outcome });
  }
}
