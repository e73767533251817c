import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { WEBHOOK_QUEUE } from '@liaison/app';
import { WebhookOutbox } from './webhook-outbox.service';
import { WebhookProcessor } from './webhook.processor';

/** Notices delivered to outside systems: the outbox that enqueues them and the processor that posts them. */
@Module({
  imports: [BullModule.registerQueue({ name: WEBHOOK_QUEUE })],
  providers: [WebhookOutbox, WebhookProcessor],
})
export class WebhooksModule {}
