import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ASSET_KINDS,
  DISPOSAL_METHODS,
  OFFICE_STATUSES,
  PLACEMENT_KINDS,
  RECIPIENT_KINDS,
  RETAINED_FUNCTIONS,
  RULE_IDS,
  RULINGS,
  TIERS,
} from '@liaison/domain';

/** What the API answers about offices: GET /offices…, and what every command on an office returns. */

export const SPONSOR_KINDS = [
  'county-government',
  'county-department',
  'municipal-government',
  'municipal-department',
];
export const OUTCOMES = ['abolish', 'retain-or-abolish', 'ruling-required'];
const LOCATIONS = ['home-province-capital', 'outside-province'];
export const DATE_TIME = { type: 'string', format: 'date-time' } as const;

export class AppendedEventDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'RetentionForwarded' })
  type!: string;

  @ApiProperty({ type: 'integer', description: "The event's revision in its stream (from 0)" })
  revision!: number;
}

/** Every command on an office answers this (a task action adds the task as it now is). */
export class OfficeCommandReplyDto {
  @ApiProperty({ format: 'uuid' })
  officeId!: string;

  @ApiProperty({ type: 'integer', description: "The office's version after the command (as in ETag)" })
  version!: number;

  @ApiProperty({ enum: OFFICE_STATUSES })
  status!: string;

  @ApiProperty({ type: [AppendedEventDto], description: 'What the command appended (none on a replay)' })
  events!: AppendedEventDto[];

  @ApiProperty({
    example: '42/42',
    description: 'The log position of the last event: read models at or past it',
  })
  position!: string;

  @ApiProperty({ description: 'True when the Idempotency-Key was seen before and nothing was appended' })
  replayed!: boolean;

  @ApiPropertyOptional({ enum: [true], description: 'Present when the lists do not show the change yet' })
  readModelsLagging?: boolean;
}

export class RulingRecordDto {
  @ApiProperty({ enum: RULINGS })
  ruling!: string;

  @ApiProperty()
  reasoning!: string;

  @ApiProperty({ enum: TIERS })
  tier!: string;
}

export class DispositionDto {
  @ApiProperty({ enum: [...RULE_IDS], example: '三(二)-exception' })
  ruleId!: string;

  @ApiProperty({ example: '三(二)' })
  section!: string;

  @ApiProperty({ enum: LOCATIONS })
  location!: string;

  @ApiProperty({ enum: OUTCOMES, description: 'What the plan (or a ruling) requires' })
  outcome!: string;

  @ApiProperty()
  summary!: string;

  @ApiPropertyOptional({
    enum: TIERS,
    description: 'Where a retention request would start, if one may be made',
  })
  retentionStartTier?: string;

  @ApiPropertyOptional({
    type: RulingRecordDto,
    description: 'The ruling, for an office the plan does not cover',
  })
  ruling?: RulingRecordDto;

  @ApiProperty({ description: "The plan's own words for the rule" })
  ruleText!: string;
}

export class AssetDisposalRecordDto {
  @ApiProperty()
  assetId!: string;

  @ApiProperty({ enum: DISPOSAL_METHODS })
  method!: string;

  @ApiPropertyOptional({ description: 'Absent for a write-off' })
  recipient?: string;

  @ApiPropertyOptional({ enum: RECIPIENT_KINDS })
  recipientKind?: string;

  @ApiProperty({ description: 'Value realised or transferred, in yuan' })
  value!: number;

  @ApiProperty()
  approvalReference!: string;
}

export class OfficeAssetDto {
  @ApiProperty()
  assetId!: string;

  @ApiProperty({ enum: ASSET_KINDS })
  kind!: string;

  @ApiProperty()
  description!: string;

  @ApiProperty({ description: 'Book value in yuan' })
  bookValue!: number;

  @ApiPropertyOptional({ type: AssetDisposalRecordDto, description: 'Once disposed of' })
  disposal?: AssetDisposalRecordDto;
}

export class StaffPlacementRecordDto {
  @ApiProperty()
  staffId!: string;

  @ApiProperty({ enum: PLACEMENT_KINDS })
  placement!: string;

  @ApiProperty()
  destination!: string;
}

export class OfficeStaffMemberDto {
  @ApiProperty()
  staffId!: string;

  @ApiProperty()
  name!: string;

  @ApiPropertyOptional({ type: StaffPlacementRecordDto, description: 'Once placed' })
  placement?: StaffPlacementRecordDto;
}

export class ProgressDto {
  @ApiProperty({ type: 'integer' })
  assetsDisposed!: number;

  @ApiProperty({ type: 'integer' })
  assetsTotal!: number;

  @ApiProperty({ type: 'integer' })
  staffPlaced!: number;

  @ApiProperty({ type: 'integer' })
  staffTotal!: number;
}

export class SponsorDto {
  @ApiProperty({ example: 'henan.nanyang.xichuan' })
  unitId!: string;

  @ApiProperty({ example: '淅川县' })
  name!: string;

  @ApiProperty({ enum: SPONSOR_KINDS })
  kind!: string;
}

export class HostCityRefDto {
  @ApiProperty({ example: 'urumqi' })
  id!: string;

  @ApiProperty({ example: '乌鲁木齐' })
  name!: string;
}

export class RetentionCaseDto {
  @ApiProperty()
  justification!: string;

  @ApiProperty({ enum: RETAINED_FUNCTIONS, isArray: true })
  functions!: string[];

  @ApiProperty()
  decoupledFromBusinessEntities!: boolean;
}

export class ReturnedDto {
  @ApiProperty({ enum: TIERS })
  tier!: string;

  @ApiProperty()
  comment!: string;
}

export class RejectedDto {
  @ApiProperty({ enum: TIERS })
  tier!: string;

  @ApiProperty()
  reason!: string;
}

export class OpenTaskRefDto {
  @ApiProperty({ example: '3f2ae7ee-32e4-4922-8fc3-10b4d4d71403/0' })
  taskId!: string;

  @ApiProperty({ enum: ['retention', 'ruling'] })
  kind!: string;

  @ApiProperty({ enum: TIERS })
  tier!: string;

  @ApiProperty({ ...DATE_TIME, nullable: true })
  dueAt!: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'Who claimed it' })
  assignee!: string | null;
}

export class OfficeDetailDto {
  @ApiProperty({ format: 'uuid' })
  officeId!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: OFFICE_STATUSES })
  status!: string;

  @ApiProperty({ type: 'integer', description: 'As in ETag; send it back as If-Match' })
  version!: number;

  @ApiProperty({ type: SponsorDto })
  sponsor!: SponsorDto;

  @ApiProperty({ type: HostCityRefDto })
  hostCity!: HostCityRefDto;

  @ApiProperty()
  pairedAssistance!: boolean;

  @ApiProperty({ type: DispositionDto })
  disposition!: DispositionDto;

  @ApiPropertyOptional({ enum: TIERS, description: 'Proposed: where a retention request would start' })
  retentionStartTier?: string;

  @ApiPropertyOptional({ enum: TIERS, description: 'Retention requested: the tier it waits at' })
  pendingTier?: string;

  @ApiPropertyOptional({ type: RetentionCaseDto })
  retentionRequest?: RetentionCaseDto;

  @ApiPropertyOptional({ type: ReturnedDto, description: 'Returned for revision: by which tier, and why' })
  returned?: ReturnedDto;

  @ApiPropertyOptional({ type: RejectedDto })
  rejected?: RejectedDto;

  @ApiPropertyOptional({ type: OpenTaskRefDto, description: 'The task now open on the office' })
  openTask?: OpenTaskRefDto;

  @ApiProperty({ type: [OfficeAssetDto] })
  assets!: OfficeAssetDto[];

  @ApiProperty({ type: [OfficeStaffMemberDto] })
  staff!: OfficeStaffMemberDto[];

  @ApiProperty({ type: ProgressDto })
  progress!: ProgressDto;

  @ApiProperty({ type: [String], example: ['request retention', 'abolish'] })
  nextActions!: string[];
}

export class RegisteredOfficeDto extends OfficeCommandReplyDto {
  @ApiProperty({ type: OfficeDetailDto })
  office!: OfficeDetailDto;
}
