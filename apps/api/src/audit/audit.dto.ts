import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
} from 'class-validator';
import { IsInstant } from '../common/instant';

const POSITION = /^\d{1,19}\/\d{1,19}$/;
const MAX_INT64 = 2n ** 63n - 1n;

/** A position's parts are 64-bit integers in every store: a larger one is no position at all. */
function isPositionInRange(value: unknown): boolean {
  return (
    typeof value === 'string' &&
    POSITION.test(value) &&
    value.split('/').every((part) => BigInt(part) <= MAX_INT64)
  );
}

export class PositionPageDto {
  @ApiPropertyOptional({
    description: 'Only events after this log position (`commit/prepare`, from nextCursor)',
  })
  @IsOptional()
  @Matches(POSITION, { message: 'after must be a log position like 1234/1234 (from nextCursor)' })
  @ValidateBy(
    { name: 'position', validator: { validate: isPositionInRange } },
    { message: 'after must be a log position whose parts are at most 9223372036854775807' },
  )
  after?: string;

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class EventFilterDto extends PositionPageDto {
  @ApiPropertyOptional({ description: 'That unit and everything below it' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  unitId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  officeId?: string;

  @ApiPropertyOptional({ example: 'RetentionApproved' })
  @IsOptional()
  @Matches(/^[A-Za-z]{1,80}$/, { message: 'type must be an event type name like RetentionApproved' })
  type?: string;

  @ApiPropertyOptional({ example: 'approver.xichuan' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  actor?: string;

  @ApiPropertyOptional({ description: 'When it happened, from (RFC 3339 with a zone, inclusive)' })
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'When it happened, to (RFC 3339 with a zone, inclusive)' })
  @IsOptional()
  @IsInstant()
  to?: string;
}

export class ExportDto extends EventFilterDto {
  @ApiPropertyOptional({ enum: ['csv', 'jsonl'], default: 'jsonl' })
  @IsOptional()
  @IsIn(['csv', 'jsonl'])
  format?: 'csv' | 'jsonl';
}

export class AsOfDto {
  @ApiPropertyOptional({
    example: '2015-10-31T16:00:00.000Z',
    description: 'The instant (RFC 3339 with a zone)',
  })
  @IsInstant()
  at!: string;
}
