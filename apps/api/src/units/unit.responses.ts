import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { TIERS } from '@liaison/domain';
import { AppendedEventDto } from '../offices/office.responses';

const SPONSOR_KINDS = [
  'county-government',
  'county-department',
  'municipal-government',
  'municipal-department',
];

/** A unit of the jurisdiction tree, as GET /jurisdictions gives it. */
export class JurisdictionUnitDto {
  @ApiProperty({ example: 'henan.nanyang.xichuan' })
  id!: string;

  @ApiProperty({ example: '淅川县' })
  name!: string;

  @ApiProperty({ enum: ['province', 'city', 'county', 'department'] })
  kind!: string;

  @ApiPropertyOptional({ example: 'henan.nanyang' })
  parentId?: string;

  @ApiPropertyOptional({ enum: ['county', 'district', 'county-level-city', 'management-committee'] })
  countyLevelKind?: string;

  @ApiPropertyOptional({ example: '411326', description: 'The division code (GB/T 2260), where it has one' })
  code?: string;

  @ApiPropertyOptional({ description: 'Retired: it keeps its place in the tree but sponsors no new office' })
  retired?: boolean;

  @ApiPropertyOptional({ description: 'A county-level unit the province administers directly (省直管)' })
  provinceAdministered?: boolean;

  @ApiProperty({ enum: [...SPONSOR_KINDS, null], nullable: true, description: 'Null: it sponsors no office' })
  sponsorKind!: string | null;
}

/** A unit as the unit directory answers it. */
export class UnitDto extends OmitType(JurisdictionUnitDto, ['retired']) {
  @ApiProperty({ description: 'Retired: it keeps its place in the tree but sponsors no new office' })
  retired!: boolean;

  @ApiProperty({
    enum: [...TIERS, null],
    nullable: true,
    description: 'The tier an approver bound to this unit decides at',
  })
  approverTier!: string | null;
}

export class UnitChangedDto {
  @ApiProperty({ type: UnitDto })
  unit!: UnitDto;

  @ApiProperty({ type: [AppendedEventDto] })
  events!: AppendedEventDto[];

  @ApiProperty({ description: 'True when the Idempotency-Key was seen before and nothing was appended' })
  replayed!: boolean;
}

export class CandidateGroupDto {
  @ApiProperty({ example: 'county@henan.nanyang.xichuan' })
  group!: string;

  @ApiProperty({ enum: TIERS })
  tier!: string;

  @ApiProperty()
  jurisdictionId!: string;

  @ApiProperty()
  jurisdictionName!: string;

  @ApiProperty({ type: [String], description: 'The usernames of its approvers' })
  approvers!: string[];

  @ApiProperty({ type: 'integer' })
  activeApprovers!: number;

  @ApiProperty({ description: 'Nobody can act in it: requests that would wait here go to the tier above' })
  flagged!: boolean;
}
