import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, ValidateNested } from 'class-validator';
import { IsText } from '../common/text';
import { IsInstant } from '../common/instant';

export class LiaisonPersonDto {
  @ApiProperty({ example: '王联络' })
  @IsText({ maxLength: 100 })
  name!: string;

  @ApiProperty({ example: '0377-69212345' })
  @IsText({ maxLength: 50 })
  phone!: string;
}

export class WorkPlanDto {
  @ApiProperty({ example: '县政府办公室', description: 'The lead department (牵头部门)' })
  @IsText({ maxLength: 200 })
  leadDepartment!: string;

  @ApiProperty({ type: LiaisonPersonDto, description: 'The liaison person (联络员)' })
  @IsDefined()
  @IsObject({ message: 'liaisonPerson must be an object with name and phone' })
  @ValidateNested()
  @Type(() => LiaisonPersonDto)
  liaisonPerson!: LiaisonPersonDto;

  @ApiProperty({ example: '全面清理驻郑州办事机构,6月底前完成摸底' })
  @IsText({ maxLength: 20000, multiline: true })
  plan!: string;
}

export class WorkSummaryDto {
  @ApiProperty({ example: '撤销驻郑州办事处1个,资产已移交' })
  @IsText({ maxLength: 20000, multiline: true })
  summary!: string;
}

export class PhaseDeadlineDto {
  @ApiProperty({
    example: '2015-11-20T16:00:00.000Z',
    description: 'When the phase now ends (RFC 3339 with a zone)',
  })
  @IsInstant()
  to!: string;

  @ApiProperty({ example: '省局通知延期', description: 'Why it moves; kept in the history' })
  @IsText({ maxLength: 2000, multiline: true })
  reason!: string;
}
