import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { REASON_MAX_LENGTH, UNIT_KEY_PATTERN, UNIT_NAME_MAX_LENGTH, type UnitKind } from '@liaison/domain';
import { IsText } from '../common/text';

/** A unit id as the tree spells them: GB/T 2260 codes, slugs and keys joined by dots. Nothing else gets through. */
export const UNIT_ID_PATTERN = /^[a-z0-9][a-z0-9.-]{0,199}$/;
export const UNIT_ID_RULE = 'a unit id: lower-case letters, digits, "." and "-" (see GET /units)';

export class ListUnitsQueryDto {
  @ApiPropertyOptional({ description: 'Only the units directly below this one', example: 'henan.nanyang' })
  @IsOptional()
  @Matches(UNIT_ID_PATTERN, { message: `parentId must be ${UNIT_ID_RULE}` })
  parentId?: string;

  @ApiPropertyOptional({ description: 'Only this unit and everything below it', example: '410300' })
  @IsOptional()
  @Matches(UNIT_ID_PATTERN, { message: `within must be ${UNIT_ID_RULE}` })
  within?: string;

  @ApiPropertyOptional({ enum: ['province', 'city', 'county', 'department'] })
  @IsOptional()
  @IsIn(['province', 'city', 'county', 'department'])
  kind?: UnitKind;

  @ApiPropertyOptional({ description: 'The unit with this GB/T 2260 code', example: '411328' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'code must be six digits (GB/T 2260)' })
  code?: string;

  @ApiPropertyOptional({ enum: ['live', 'retired', 'all'], default: 'live' })
  @IsOptional()
  @IsIn(['live', 'retired', 'all'])
  status?: 'live' | 'retired' | 'all';
}

export class AddUnitDto {
  @ApiProperty({
    description:
      'The government it belongs to: the province, a city or a county-level unit (a city for a 管委会)',
    example: 'henan.nanyang.tanghe',
  })
  @IsString()
  @Matches(UNIT_ID_PATTERN, { message: `parentId must be ${UNIT_ID_RULE}` })
  parentId!: string;

  @ApiProperty({
    description: "The new unit's id is the parent's id, a dot and this key",
    example: 'education',
  })
  @IsString()
  @Matches(UNIT_KEY_PATTERN, {
    message: 'key must be 1 to 40 characters of a-z, 0-9 and hyphen, starting with a letter',
  })
  key!: string;

  @ApiProperty({ example: '唐河县教育局' })
  @IsText({ maxLength: UNIT_NAME_MAX_LENGTH })
  name!: string;

  @ApiProperty({ enum: ['department', 'management-committee'] })
  @IsIn(['department', 'management-committee'])
  kind!: 'department' | 'management-committee';

  @ApiProperty({ description: 'Why the unit is added: on record with who added it', example: '机构设置调整' })
  @IsText({ maxLength: REASON_MAX_LENGTH })
  reason!: string;
}

export class RenameUnitDto {
  @ApiProperty({ example: '唐河县教育体育局' })
  @IsText({ maxLength: UNIT_NAME_MAX_LENGTH })
  name!: string;

  @ApiProperty({ example: '机构改革更名' })
  @IsText({ maxLength: REASON_MAX_LENGTH })
  reason!: string;
}

export class RetireUnitDto {
  @ApiProperty({ example: '机构改革撤并' })
  @IsText({ maxLength: REASON_MAX_LENGTH })
  reason!: string;
}
