import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsISO8601, IsNotEmpty, IsString, MaxLength, ValidateNested } from 'class-validator';

export class LiaisonPersonDto {
  @ApiProperty({ example: '王联络' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @ApiProperty({ example: '0377-69212345' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  phone!: string;
}

export class WorkPlanDto {
  @ApiProperty({ example: '县政府办公室', description: 'The lead department (牵头部门)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  leadDepartment!: string;

  @ApiProperty({ type: LiaisonPersonDto, description: 'The liaison person (联络员)' })
  @ValidateNested()
  @Type(() => LiaisonPersonDto)
  liaisonPerson!: LiaisonPersonDto;

  @ApiProperty({ example: '全面清理驻郑州办事机构,6月底前完成摸底' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20000)
  plan!: string;
}

export class WorkSummaryDto {
  @ApiProperty({ example: '撤销驻郑州办事处1个,资产已移交' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20000)
  summary!: string;
}

export class PhaseDeadlineDto {
  @ApiProperty({ example: '2015-11-20T16:00:00.000Z', description: 'When the phase now ends (ISO-8601)' })
  @IsISO8601({ strict: true })
  to!: string;

  @ApiProperty({ example: '省局通知延期', description: 'Why it moves; kept in the history' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}
