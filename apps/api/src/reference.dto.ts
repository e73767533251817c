import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

/** GET /rules/preview: the facts of an office-to-be that decide its rule (三). */
export class RulePreviewQueryDto {
  @ApiProperty({
    example: 'henan.nanyang.xichuan',
    description: 'The sponsor (派出单位): see GET /jurisdictions',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  sponsorUnitId!: string;

  @ApiProperty({ example: 'zhengzhou', description: 'The host city (驻在地): see GET /host-cities' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  hostCityId!: string;

  @ApiPropertyOptional({
    description: 'Whether it does paired assistance work (从事对口援助, 三(二))',
    default: false,
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'pairedAssistance must be true or false' })
  pairedAssistance?: boolean;
}
