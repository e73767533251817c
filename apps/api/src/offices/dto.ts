import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  ValidateIf,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  ASSET_KINDS,
  DISPOSAL_METHODS,
  OFFICE_STATUSES,
  RULE_IDS,
  PLACEMENT_KINDS,
  RECIPIENT_KINDS,
  RETAINED_FUNCTIONS,
  RULINGS,
  TIERS,
  type AssetKind,
  type DisposalMethod,
  type PlacementKind,
  type RecipientKind,
  type RetainedFunction,
  type Ruling,
  type Tier,
  type TierDecision,
} from '@liaison/domain';
import { IsYuan } from '../common/amount';
import { IsText } from '../common/text';

/** The last page a list may be asked for: beyond it an offset stops being a number a read store takes. */
export const MAX_PAGE = 100_000;

/** `page` and `pageSize` of every paginated list. */
export class PageQueryDto {
  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: MAX_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE, { message: `page must be at most ${MAX_PAGE}` })
  page?: number;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  pageSize?: number;
}

const LOCAL_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const LOCAL_ID_RULE = 'letters, digits, ".", "_" or "-", at most 64 characters';

export class AssetDto {
  @ApiProperty({ example: 'land-1', description: `Unique within the office (${LOCAL_ID_RULE})` })
  @Matches(LOCAL_ID, { message: `assetId must be ${LOCAL_ID_RULE}` })
  assetId!: string;

  @ApiProperty({ enum: ASSET_KINDS })
  @IsIn(ASSET_KINDS)
  kind!: AssetKind;

  @ApiProperty({ example: '郑州市金水路 120 号办公楼用地 1,200 m²' })
  @IsText({ maxLength: 500 })
  description!: string;

  @ApiProperty({ example: 1800000, description: 'Book value in yuan' })
  @IsYuan()
  bookValue!: number;
}

export class StaffMemberDto {
  @ApiProperty({ example: 'staff-1', description: `Unique within the office (${LOCAL_ID_RULE})` })
  @Matches(LOCAL_ID, { message: `staffId must be ${LOCAL_ID_RULE}` })
  staffId!: string;

  @ApiProperty({ example: '王建国' })
  @IsText({ maxLength: 100 })
  name!: string;
}

export class RegisterOfficeDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Chosen by the client, or derived from the Idempotency-Key, or generated',
  })
  @IsOptional()
  @IsUUID()
  officeId?: string;

  @ApiProperty({ example: '淅川县人民政府驻深圳办事处' })
  @IsText({ maxLength: 200 })
  name!: string;

  @ApiProperty({
    example: 'henan.nanyang.xichuan',
    description: 'The sponsor (派出单位): see GET /jurisdictions',
  })
  @IsString()
  @IsNotEmpty()
  sponsorUnitId!: string;

  @ApiProperty({ example: 'shenzhen', description: 'The host city (驻在地): see GET /host-cities' })
  @IsString()
  @IsNotEmpty()
  hostCityId!: string;

  @ApiPropertyOptional({
    description: 'Whether the office does paired assistance work (从事对口援助, 三(二))',
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  pairedAssistance?: boolean;

  @ApiPropertyOptional({ type: [AssetDto], default: [] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => AssetDto)
  assets?: AssetDto[];

  @ApiPropertyOptional({ type: [StaffMemberDto], default: [] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => StaffMemberDto)
  staff?: StaffMemberDto[];
}

export class RulingDto {
  @ApiProperty({ enum: TIERS, description: 'The acting tier; rulings on uncovered cases are provincial' })
  @IsIn(TIERS)
  tier!: Tier;

  @ApiProperty({ enum: RULINGS })
  @IsIn(RULINGS)
  ruling!: Ruling;

  @ApiProperty({ example: '参照豫政办〔2015〕74号精神,市直部门驻外省办事机构一律撤销' })
  @IsText({ maxLength: 2000, multiline: true })
  reasoning!: string;
}

export class RetentionRequestDto {
  @ApiProperty({ example: '承担对口援助新疆哈密的联络服务工作' })
  @IsText({ maxLength: 4000, multiline: true })
  justification!: string;

  @ApiProperty({
    enum: RETAINED_FUNCTIONS,
    isArray: true,
    description: 'The functions the office changes to (四(一)–(四)); at least one',
  })
  @IsArray()
  @ArrayUnique()
  @IsIn(RETAINED_FUNCTIONS, { each: true })
  functions!: RetainedFunction[];

  @ApiProperty({ description: 'Decoupled from affiliated hotels and guesthouses (五(一)); must be true' })
  @IsBoolean()
  decoupledFromBusinessEntities!: boolean;
}

export const TIER_DECISIONS: readonly TierDecision[] = ['approve', 'reject', 'return'];

/** A decision sent to the office itself, naming the tier acted at. */
export class RetentionDecisionDto {
  @ApiProperty({ enum: TIER_DECISIONS })
  @IsIn(TIER_DECISIONS)
  decision!: TierDecision;

  @ApiPropertyOptional({ description: 'Required to reject or return' })
  @ValidateIf(
    (body: RetentionDecisionDto) =>
      body.comment !== undefined || body.decision === 'reject' || body.decision === 'return',
  )
  @IsText({
    maxLength: 4000,
    multiline: true,
    requiredMessage: 'comment is required to reject or return: the reason goes on record',
  })
  comment?: string;

  @ApiProperty({ enum: TIERS, description: 'The tier the approver acts at' })
  @IsIn(TIERS)
  tier!: Tier;
}

export class AbolitionDto {
  @ApiProperty({ example: '淅政〔2015〕41号', description: 'Reference of the abolition decision' })
  @IsText({ maxLength: 200 })
  decisionReference!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsText({ maxLength: 4000, multiline: true })
  reason?: string;
}

export class AssetDisposalDto {
  @ApiProperty({ example: 'land-1' })
  @IsString()
  @IsNotEmpty()
  assetId!: string;

  @ApiProperty({ enum: DISPOSAL_METHODS })
  @IsIn(DISPOSAL_METHODS)
  method!: DisposalMethod;

  @ApiPropertyOptional({ example: '郑州市机关事务管理局', description: 'Absent for a write-off' })
  @IsOptional()
  @IsText({ maxLength: 200 })
  recipient?: string;

  @ApiPropertyOptional({ enum: RECIPIENT_KINDS, description: 'Absent for a write-off' })
  @IsOptional()
  @IsIn(RECIPIENT_KINDS)
  recipientKind?: RecipientKind;

  @ApiProperty({ example: 1800000, description: 'Value realised or transferred, in yuan' })
  @IsYuan()
  value!: number;

  @ApiProperty({ example: '宛国资〔2015〕12号' })
  @IsText({ maxLength: 200 })
  approvalReference!: string;
}

export class StaffPlacementDto {
  @ApiProperty({ example: 'staff-1' })
  @IsString()
  @IsNotEmpty()
  staffId!: string;

  @ApiProperty({ enum: PLACEMENT_KINDS })
  @IsIn(PLACEMENT_KINDS)
  placement!: PlacementKind;

  @ApiProperty({ example: '淅川县商务局' })
  @IsText({ maxLength: 200 })
  destination!: string;
}

export class OfficeListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: OFFICE_STATUSES })
  @IsOptional()
  @IsIn(OFFICE_STATUSES)
  status?: string;

  @ApiPropertyOptional({ enum: RULE_IDS })
  @IsOptional()
  @IsIn(RULE_IDS)
  ruleId?: string;

  @ApiPropertyOptional({
    description: 'Offices of this unit and every unit below it',
    example: 'henan.nanyang.xichuan',
  })
  @IsOptional()
  @IsString()
  unitId?: string;

  @ApiPropertyOptional({ example: 'zhengzhou' })
  @IsOptional()
  @IsString()
  hostCityId?: string;

  @ApiPropertyOptional({ enum: TIERS })
  @IsOptional()
  @IsIn(TIERS)
  pendingTier?: string;
}
