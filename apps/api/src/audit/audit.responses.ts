import {
  ApiProperty,
  ApiPropertyOptional,
  OmitType,
  PartialType,
  type ApiPropertyOptions,
} from '@nestjs/swagger';
import { OFFICE_STATUSES, TIERS } from '@liaison/domain';
import { HistoryEntryDto, OfficeEventsPageDto } from '../offices/history.responses';
import { OfficeDetailDto } from '../offices/office.responses';
import { PhaseDeadlinesDto } from '../campaign/campaign.responses';

const DATE_TIME = { type: 'string', format: 'date-time' } as const;

/** Any JSON value, null included (OpenAPI 3.0 has no null type: the nullable string carries it). */
const ANY_VALUE: ApiPropertyOptions = {
  anyOf: [
    { type: 'string', nullable: true },
    { type: 'number' },
    { type: 'boolean' },
    { type: 'array', items: {} },
    { type: 'object', additionalProperties: true },
  ],
};

export class ChangeDto {
  @ApiProperty({ example: 'office.disposition.outcome', description: 'The leaf of the state that changed' })
  path!: string;

  @ApiProperty({ ...ANY_VALUE, description: 'Before (null: it did not exist)' })
  from!: unknown;

  @ApiProperty({ ...ANY_VALUE, description: 'After (null: it no longer exists)' })
  to!: unknown;
}

export class OfficeTimelineEntryDto extends HistoryEntryDto {
  @ApiProperty({ enum: OFFICE_STATUSES, description: "The office's status after the event" })
  status!: string;

  @ApiProperty({ type: [ChangeDto], description: "What the event changed in the office's state" })
  changes!: ChangeDto[];
}

export class OfficeTimelineDto extends OfficeEventsPageDto {
  @ApiProperty({ type: [OfficeTimelineEntryDto] })
  items!: OfficeTimelineEntryDto[];
}

/** An entry of a unit's timeline: an event of one of its offices (officeId), or a filing of a unit (unitId). */
export class UnitTimelineEntryDto extends HistoryEntryDto {
  @ApiPropertyOptional({ format: 'uuid', description: "An office's event: the office" })
  officeId?: string;

  @ApiPropertyOptional({ enum: OFFICE_STATUSES, description: "An office's event: its status after it" })
  status?: string;

  @ApiPropertyOptional({ type: [ChangeDto], description: "An office's event: what it changed" })
  changes?: ChangeDto[];

  @ApiPropertyOptional({ description: "A unit's event (a filing): the unit" })
  unitId?: string;
}

export class UnitTimelineDto {
  @ApiProperty({ type: [UnitTimelineEntryDto] })
  items!: UnitTimelineEntryDto[];

  @ApiProperty({ type: 'integer' })
  total!: number;

  @ApiProperty({ type: 'string', nullable: true })
  nextCursor!: string | null;
}

export class AsOfEventDto {
  @ApiProperty()
  type!: string;

  @ApiProperty(DATE_TIME)
  occurredAt!: string;
}

/**
 * The office as it stood at `at`. Before its registration only officeId, at, registered (false) and version (0)
 * are given; the office's fields are then absent.
 */
export class OfficeAsOfDto extends OmitType(PartialType(OfficeDetailDto), ['officeId', 'version']) {
  @ApiProperty({ format: 'uuid' })
  officeId!: string;

  @ApiProperty({
    type: 'integer',
    description: "The office's version at that instant (0 before registration)",
  })
  version!: number;

  @ApiProperty(DATE_TIME)
  at!: string;

  @ApiProperty({ description: 'False: the office was not yet registered at that instant' })
  registered!: boolean;

  @ApiPropertyOptional({
    type: 'object',
    nullable: true,
    description: 'The last event up to then',
    properties: { type: { type: 'string' }, occurredAt: { type: 'string', format: 'date-time' } },
    required: ['type', 'occurredAt'],
  })
  asOfEvent?: AsOfEventDto | null;
}

export class OverdueItemDto {
  @ApiProperty({ enum: ['task', 'abolition', 'work-plan', 'work-summary'] })
  kind!: string;

  @ApiPropertyOptional({ enum: ['retention', 'ruling'] })
  taskKind?: string;

  @ApiProperty({ description: 'The office or the unit' })
  subjectId!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty()
  unitId!: string;

  @ApiProperty(DATE_TIME)
  dueAt!: string;
}

const COUNTS = { type: 'object', additionalProperties: { type: 'integer' } } as const;

export class CampaignAsOfDto {
  @ApiProperty(DATE_TIME)
  at!: string;

  @ApiProperty({ type: 'integer', description: 'Offices registered by then, within your jurisdiction' })
  offices!: number;

  @ApiProperty({ ...COUNTS, description: 'Offices by status' })
  byStatus!: Record<string, number>;

  @ApiProperty({
    type: 'object',
    additionalProperties: COUNTS,
    description: 'Offices by sponsor unit, then by status',
  })
  byUnit!: Record<string, Record<string, number>>;

  @ApiProperty({
    type: PhaseDeadlinesDto,
    description: 'The phase deadlines as they stood (those set by then)',
  })
  deadlines!: Partial<PhaseDeadlinesDto>;

  @ApiProperty({ type: [OverdueItemDto] })
  overdue!: OverdueItemDto[];
}

/** One event of the log as GET /events answers it (and the export writes it). */
export class LogEventDto {
  @ApiProperty({ example: '19/19' })
  position!: string;

  @ApiProperty(DATE_TIME)
  occurredAt!: string;

  @ApiProperty(DATE_TIME)
  recordedAt!: string;

  @ApiProperty({ example: 'office-b7858e98-0031-5380-b9ce-b193988aebf3' })
  streamId!: string;

  @ApiProperty({ type: 'integer' })
  revision!: number;

  @ApiProperty()
  type!: string;

  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'The unit it belongs to, where it belongs to one',
  })
  unitId!: string | null;

  @ApiProperty()
  actor!: string;

  @ApiProperty()
  role!: string;

  @ApiProperty({ enum: [...TIERS, null], nullable: true })
  tier!: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  comment!: string | null;

  @ApiProperty({ format: 'uuid' })
  eventId!: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'As recorded (secrets withheld)' })
  data!: Record<string, unknown>;
}

export class LogEventPageDto {
  @ApiProperty({ type: [LogEventDto] })
  items!: LogEventDto[];

  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'Pass as `after` for the next page; null at the end',
  })
  nextCursor!: string | null;
}

export class BrokenLinkDto {
  @ApiProperty()
  position!: string;

  @ApiProperty()
  streamId!: string;

  @ApiProperty()
  revision!: string;

  @ApiPropertyOptional({ format: 'uuid' })
  eventId?: string;

  @ApiProperty()
  problem!: string;
}

export class LastAnchorDto {
  @ApiProperty({ description: 'The last position it covers' })
  upTo!: string;

  @ApiProperty({ description: 'The hash published outside' })
  anchorHash!: string;

  @ApiProperty(DATE_TIME)
  anchoredAt!: string;
}

export class VerifyReportDto {
  @ApiProperty({ description: 'Every hash chain and anchor checks out' })
  intact!: boolean;

  @ApiProperty({ type: 'integer' })
  events!: number;

  @ApiProperty({ type: 'integer' })
  streams!: number;

  @ApiProperty({ type: 'integer' })
  anchors!: number;

  @ApiProperty({ type: 'string', nullable: true, description: "The log's last position" })
  head!: string | null;

  @ApiPropertyOptional({ type: LastAnchorDto, description: 'The latest anchor; absent before the first' })
  lastAnchor?: LastAnchorDto;

  @ApiPropertyOptional({ type: BrokenLinkDto, description: 'The first link that does not check out' })
  firstBroken?: BrokenLinkDto;

  @ApiProperty()
  elapsedMs!: number;
}

export class AnchorDto {
  @ApiProperty({ description: 'The last position the anchor covers' })
  upTo!: string;

  @ApiProperty({ type: 'integer' })
  streams!: number;

  @ApiProperty({ type: 'integer' })
  events!: number;

  @ApiProperty({ description: "SHA-256 over every stream's head" })
  headsDigest!: string;

  @ApiProperty({ description: 'The hash to publish outside' })
  anchorHash!: string;
}

export class AnchorResultDto {
  @ApiProperty({ type: VerifyReportDto })
  report!: VerifyReportDto;

  @ApiPropertyOptional({ type: AnchorDto, description: 'Absent when the log is not intact, or empty' })
  anchor?: AnchorDto;
}
