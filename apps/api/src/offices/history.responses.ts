import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TIERS } from '@liaison/domain';
import { DATE_TIME } from './office.responses';

/** One recorded event as the history and the timelines show it. */
export class HistoryEntryDto {
  @ApiProperty({ type: 'integer' })
  revision!: number;

  @ApiProperty({ type: 'integer', description: "The stream's version after this event" })
  version!: number;

  @ApiProperty({ example: '19/19' })
  position!: string;

  @ApiProperty({ format: 'uuid' })
  eventId!: string;

  @ApiProperty({ example: 'OfficeRegistered' })
  type!: string;

  @ApiProperty(DATE_TIME)
  occurredAt!: string;

  @ApiProperty(DATE_TIME)
  recordedAt!: string;

  @ApiProperty()
  actor!: string;

  @ApiProperty()
  role!: string;

  @ApiPropertyOptional({ enum: TIERS })
  tier?: string;

  @ApiPropertyOptional()
  comment?: string;

  @ApiProperty()
  correlationId!: string;

  @ApiProperty()
  causationId!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: "The event's data as recorded (secrets such as password hashes withheld)",
  })
  data!: Record<string, unknown>;
}

/** The envelope an office's history and its timeline share: whose office, its version, a page of its events. */
export abstract class OfficeEventsPageDto {
  @ApiProperty({ format: 'uuid' })
  officeId!: string;

  @ApiProperty()
  sponsorUnitId!: string;

  @ApiProperty({ type: 'integer' })
  version!: number;

  @ApiProperty({ type: 'integer' })
  total!: number;

  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'Pass as `after` for the next page; null at the end',
  })
  nextCursor!: string | null;
}

export class OfficeHistoryDto extends OfficeEventsPageDto {
  @ApiProperty({ type: [HistoryEntryDto] })
  items!: HistoryEntryDto[];
}
