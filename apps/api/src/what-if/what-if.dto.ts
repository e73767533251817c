import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsInstant } from '../common/instant';

const DURATION = /^\d{1,7}(wd|ms|s|m|h|d)?$/;
const DURATION_RULE = 'a number of working days like 5 or 5wd, or 30s, 15m, 2h, 3d';
const IsDuration = () =>
  Matches(DURATION, { message: ({ property }) => `${property} must be a duration: ${DURATION_RULE}` });

/** Another time for a decision at some tiers; a tier not given keeps each task's recorded one. */
export class TierSlaDto {
  @ApiPropertyOptional({ example: '3' })
  @IsOptional()
  @IsDuration()
  county?: string;

  @ApiPropertyOptional({ example: '5' })
  @IsOptional()
  @IsDuration()
  municipal?: string;

  @ApiPropertyOptional({ example: '10' })
  @IsOptional()
  @IsDuration()
  provincial?: string;
}

/** Another escalation ladder: how long after the due date each step goes out (七, 八). */
export class LadderDto {
  @ApiPropertyOptional({ example: '0s' })
  @IsOptional()
  @IsDuration()
  reminder?: string;

  @ApiPropertyOptional({ example: '1' })
  @IsOptional()
  @IsDuration()
  escalation?: string;

  @ApiPropertyOptional({ example: '3', name: 'leading-group' })
  @IsOptional()
  @IsDuration()
  'leading-group'?: string;
}

/** Other phase deadlines (七). */
export class WhatIfPhaseDeadlinesDto {
  @ApiPropertyOptional({ example: '2015-06-20T16:00:00Z' })
  @IsOptional()
  @IsInstant()
  plan?: string;

  @ApiPropertyOptional({ example: '2015-11-15T16:00:00Z', name: 'carry-out' })
  @IsOptional()
  @IsInstant()
  'carry-out'?: string;

  @ApiPropertyOptional({ example: '2015-11-30T16:00:00Z' })
  @IsOptional()
  @IsInstant()
  summary?: string;
}

export class WhatIfDto {
  @ApiProperty({ example: '2015-06-01T00:00:00+08:00', description: 'Deadlines falling due from here…' })
  @IsInstant()
  from!: string;

  @ApiProperty({
    example: '2015-12-31T00:00:00+08:00',
    description: '…to here (at most 400 days on); the log is read up to here, or now',
  })
  @IsInstant()
  to!: string;

  @ApiPropertyOptional({
    description: "That unit and everything below it (default: the user's jurisdiction)",
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  unitId?: string;

  @ApiPropertyOptional({ type: TierSlaDto })
  @IsOptional()
  @IsObject({ message: 'sla must be an object of tier: duration' })
  @ValidateNested()
  @Type(() => TierSlaDto)
  sla?: TierSlaDto;

  @ApiPropertyOptional({ type: LadderDto })
  @IsOptional()
  @IsObject({ message: 'ladder must be an object of step: duration' })
  @ValidateNested()
  @Type(() => LadderDto)
  ladder?: LadderDto;

  @ApiPropertyOptional({
    type: [String],
    example: ['2015-06-01'],
    description: 'Extra holidays (YYYY-MM-DD)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(366)
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { each: true, message: 'holidays must be days like 2015-06-01' })
  holidays?: string[];

  @ApiPropertyOptional({ type: WhatIfPhaseDeadlinesDto })
  @IsOptional()
  @IsObject({ message: 'phaseDeadlines must be an object of phase: instant' })
  @ValidateNested()
  @Type(() => WhatIfPhaseDeadlinesDto)
  phaseDeadlines?: WhatIfPhaseDeadlinesDto;
}
