import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class EventStoreHealthDto {
  @ApiProperty({ enum: ['up', 'down'] })
  status!: string;

  @ApiPropertyOptional({ type: 'string', nullable: true, description: "Up: the log's last position" })
  head?: string | null;

  @ApiPropertyOptional({ description: 'Down: why' })
  error?: string;

  @ApiPropertyOptional({ enum: ['sqlite', 'postgres', 'eventstoredb'] })
  kind?: string;
}

export class ReadModelsHealthDto {
  @ApiProperty({ enum: ['up', 'down'] })
  status!: string;

  @ApiPropertyOptional({ enum: ['sqlite', 'postgres'] })
  kind?: string;

  @ApiPropertyOptional({
    type: 'string',
    nullable: true,
    description: 'The last position the read models show',
  })
  checkpoint?: string | null;

  @ApiPropertyOptional({
    type: 'object',
    nullable: true,
    description: 'While `npm run rebuild` runs: since when, and by whom',
    properties: { since: { type: 'string' }, by: { type: 'string' } },
    required: ['since', 'by'],
  })
  rebuilding?: { since: string; by: string } | null;

  @ApiPropertyOptional({
    type: 'object',
    description:
      'The projection lease: which process feeds the read models, since when, the hand-overs so far (epoch), ' +
      'and whether that holder still has it (docs/scale-out.md)',
    properties: {
      holder: { type: 'string', nullable: true },
      since: { type: 'string', nullable: true },
      epoch: { type: 'integer' },
      live: { type: 'boolean' },
    },
    required: ['holder', 'since', 'epoch', 'live'],
  })
  lease?: { holder: string | null; since: string | null; epoch: number; live: boolean };

  @ApiPropertyOptional({ description: 'The read models show everything the log holds' })
  upToDate?: boolean;

  @ApiPropertyOptional({
    type: 'object',
    description: 'How far the read models trail the log: events (counted up to a bound) and seconds',
    properties: {
      eventsBehind: { type: 'integer' },
      atLeast: { type: 'boolean', description: 'More events behind than were counted' },
      seconds: { type: 'number' },
    },
    required: ['eventsBehind', 'atLeast', 'seconds'],
  })
  lag?: { eventsBehind: number; atLeast: boolean; seconds: number };

  @ApiPropertyOptional({
    description: 'Further behind than READINESS_MAX_LAG_MS allows (never during a rebuild)',
  })
  lagging?: boolean;

  @ApiPropertyOptional({ description: 'Down: why' })
  error?: string;
}

export class RedisHealthDto {
  @ApiProperty({ enum: ['up', 'down'] })
  status!: string;

  @ApiPropertyOptional({ description: 'Down: why' })
  error?: string;
}

interface Lateness {
  samples: number;
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
}

const JOB_COUNTS = {
  type: 'object',
  nullable: true,
  description: 'Jobs by state; null when Redis cannot be reached',
  additionalProperties: { type: 'integer' },
} as const;

export class LivenessDto {
  @ApiProperty({ enum: ['up'] })
  status!: string;

  @ApiProperty({ description: 'Seconds since the process started' })
  uptimeSeconds!: number;
}

/**
 * Without an administrator's token each dependency has only its status; the other fields are the detail an
 * administrator's token shows.
 */
export class ReadinessDto {
  @ApiProperty({
    enum: ['up', 'down'],
    description:
      'Down (503) when a store or Redis does not answer, or the read models lag too far. Each dependency shows ' +
      'only its status, unless the request carries an administrator’s token',
  })
  status!: string;

  @ApiProperty({ type: EventStoreHealthDto })
  eventStore!: EventStoreHealthDto;

  @ApiProperty({ type: ReadModelsHealthDto })
  readModels!: ReadModelsHealthDto;

  @ApiProperty({ type: RedisHealthDto })
  redis!: RedisHealthDto;
}

export class HealthDto extends ReadinessDto {
  @ApiPropertyOptional({
    type: 'object',
    description: 'Administrators: each queue (deadlines, webhooks) with its job counts',
    additionalProperties: JOB_COUNTS,
  })
  queues?: Record<string, Record<string, number> | null>;

  // Inline: OpenAPI 3.0 cannot make a referenced schema nullable.
  @ApiPropertyOptional({
    type: 'object',
    nullable: true,
    description: 'Administrators: how late deadline jobs ran (milliseconds past due); null without Redis',
    properties: {
      samples: { type: 'integer', description: 'Recent deadline jobs measured (at most 1,000)' },
      p50Ms: { type: 'number', nullable: true },
      p99Ms: { type: 'number', nullable: true },
      maxMs: { type: 'number', nullable: true },
    },
    required: ['samples', 'p50Ms', 'p99Ms', 'maxMs'],
  })
  deadlineLateness?: Lateness | null;
}
