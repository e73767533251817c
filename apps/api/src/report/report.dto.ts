import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { INSPECTION_VERDICTS, REVIEW_DECISIONS } from '@liaison/domain';
import { IsInstant } from '../common/instant';

export class ReportAtDto {
  @ApiPropertyOptional({
    example: '2015-12-01T00:00:00+08:00',
    description: 'The instant the report is as of (RFC 3339 with a zone); now when absent',
  })
  @IsOptional()
  @IsInstant()
  at?: string;
}

export class InspectionDto {
  @ApiProperty({
    example: 'henan.nanyang.xichuan',
    description: 'The filing unit whose summary is inspected',
  })
  @IsString()
  @MaxLength(200)
  unitId!: string;

  @ApiProperty({ enum: INSPECTION_VERDICTS })
  @IsIn(INSPECTION_VERDICTS)
  verdict!: string;

  @ApiPropertyOptional({ description: 'Required when returning: what the unit must change (七(三))' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  comment?: string;
}

export class ReviewDto {
  @ApiProperty({ enum: REVIEW_DECISIONS })
  @IsIn(REVIEW_DECISIONS)
  decision!: string;

  @ApiPropertyOptional({ description: 'Required when returning the report to the Bureau' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  comment?: string;
}
