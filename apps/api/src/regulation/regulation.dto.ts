import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { APPRAISAL_GRADES, COMPLAINT_CHANNELS, RETAINED_FUNCTIONS, SUPERVISION_KINDS } from '@liaison/domain';
import { IsYuan } from '../common/amount';
import { IsText } from '../common/text';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MESSAGE = {
  message: ({ property }: { property: string }) => `${property} must be a calendar day, YYYY-MM-DD`,
};
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const ID_MESSAGE = {
  message: ({ property }: { property: string }) => `${property} must be 1–64 letters, digits, '-' or '_'`,
};

export class FunctionRecordDto {
  @ApiProperty({
    example: 'economic-cooperation',
    description: `One of the functions of 四: ${RETAINED_FUNCTIONS.join(', ')}; anything else is refused citing 四`,
  })
  @IsText({ maxLength: 60 })
  function!: string;

  @ApiProperty({ example: '组织南阳—郑州农产品推介会' })
  @IsText({ maxLength: 1000, multiline: true })
  activity!: string;

  @ApiProperty({
    example: '推介会纪要 2015-11-28',
    description: 'What shows it: a document, minutes, a reference',
  })
  @IsText({
    maxLength: 1000,
    requiredMessage: 'evidence is required: a function served is recorded with its evidence (四)',
  })
  evidence!: string;

  @ApiProperty({ example: '2015-11-28' })
  @Matches(DAY, DAY_MESSAGE)
  occurredOn!: string;
}

export class DecouplingRecordDto {
  @ApiProperty({
    type: [String],
    example: ['中州宾馆'],
    description: 'The hotels, guesthouses and other business entities (五(一))',
  })
  @IsArray()
  @ArrayMinSize(1, {
    message: 'entities must name at least one business entity the office is decoupled from (五(一))',
  })
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  entities!: string[];

  @ApiProperty({ example: '脱钩协议 宛管〔2015〕3号' })
  @IsText({
    maxLength: 1000,
    requiredMessage: 'evidence is required: decoupling is recorded with its evidence (五(一))',
  })
  evidence!: string;

  @ApiProperty({ example: '2015-11-25' })
  @Matches(DAY, DAY_MESSAGE)
  decoupledOn!: string;
}

export class ReceptionRecordDto {
  @ApiProperty({ example: 'r-2015-001', pattern: ID.source })
  @Matches(ID, ID_MESSAGE)
  receptionId!: string;

  @ApiProperty({ example: '2015-11-30' })
  @Matches(DAY, DAY_MESSAGE)
  receivedOn!: string;

  @ApiProperty({ example: '南阳市发展和改革委员会' })
  @IsText({ maxLength: 200 })
  guestUnit!: string;

  @ApiProperty({ example: '宛发改函〔2015〕12号', description: 'The reception letter (接待公函, 五(二))' })
  @IsText({
    maxLength: 200,
    requiredMessage:
      'letterReference is required: an official reception needs its reception letter (接待公函, 五(二))',
  })
  letterReference!: string;

  @ApiProperty({ example: '工作餐 4 人,320 元', description: 'The reception list (接待清单, 五(二))' })
  @IsText({
    maxLength: 2000,
    multiline: true,
    requiredMessage: 'list is required: an official reception needs its reception list (接待清单, 五(二))',
  })
  list!: string;

  @ApiProperty({ example: 320, description: 'Spent, in yuan' })
  @IsYuan()
  cost!: number;
}

export class DisclosureRecordDto {
  @ApiProperty({ example: 2015, type: 'integer' })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2200)
  year!: number;

  @ApiProperty({ example: 50000, description: 'The reception budget, in yuan' })
  @IsYuan()
  budget!: number;

  @ApiProperty({ example: 12000, description: 'The reception spending, in yuan' })
  @IsYuan()
  spending!: number;

  @ApiProperty({ example: '定点饭店 2 家', description: 'Reception venues and items (五(三))' })
  @IsText({ maxLength: 2000, multiline: true })
  venues!: string;

  @ApiProperty({ example: '南阳市人民政府网站 2016-01-15', description: 'Where it was published' })
  @IsText({ maxLength: 500 })
  publication!: string;
}

export class RotationRecordDto {
  @ApiProperty({ example: '赵明' })
  @IsText({ maxLength: 100 })
  cadre!: string;

  @ApiProperty({ enum: ['in', 'out'] })
  @IsIn(['in', 'out'])
  direction!: 'in' | 'out';

  @ApiProperty({ example: '2015-11-30' })
  @Matches(DAY, DAY_MESSAGE)
  rotatedOn!: string;

  @ApiProperty({ example: '宛组干〔2015〕88号', description: 'The appointment document (六(三))' })
  @IsText({ maxLength: 500 })
  evidence!: string;
}

export class AppraisalRecordDto {
  @ApiProperty({ example: 2015, type: 'integer' })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2200)
  year!: number;

  @ApiProperty({ enum: APPRAISAL_GRADES })
  @IsIn(APPRAISAL_GRADES)
  grade!: string;

  @ApiProperty({ example: '职能转变到位,接待规范' })
  @IsText({ maxLength: 2000, multiline: true })
  summary!: string;

  @ApiProperty({
    example: '郑州市机关事务管理局',
    description: "The host city's management department (六(二))",
  })
  @IsText({ maxLength: 200 })
  hostDepartment!: string;

  @ApiProperty({
    example: '运行规范,无违规',
    description: 'Its opinion, asked for before the appraisal (六(二))',
  })
  @IsText({
    maxLength: 2000,
    multiline: true,
    requiredMessage:
      "hostOpinion is required: the appraisal asks the host city's management department for its opinion (六(二))",
  })
  hostOpinion!: string;
}

export class SupervisionRecordDto {
  @ApiProperty({ enum: SUPERVISION_KINDS })
  @IsIn(SUPERVISION_KINDS)
  kind!: string;

  @ApiProperty({ example: '南阳市审计局' })
  @IsText({ maxLength: 200 })
  conductedBy!: string;

  @ApiProperty({ example: '2015-11-30' })
  @Matches(DAY, DAY_MESSAGE)
  conductedOn!: string;

  @ApiProperty({ example: '未发现问题' })
  @IsText({ maxLength: 4000, multiline: true })
  findings!: string;

  @ApiProperty({ example: '宛审报〔2015〕21号' })
  @IsText({ maxLength: 500 })
  evidence!: string;
}

export class ComplaintRecordDto {
  @ApiProperty({ example: 'c-1', pattern: ID.source })
  @Matches(ID, ID_MESSAGE)
  complaintId!: string;

  @ApiProperty({ enum: COMPLAINT_CHANNELS, description: 'The public line or the complaint mailbox (六(四))' })
  @IsIn(COMPLAINT_CHANNELS)
  channel!: string;

  @ApiProperty({ example: '反映办事处超标准接待' })
  @IsText({ maxLength: 4000, multiline: true })
  summary!: string;
}

export class ComplaintResultDto {
  @ApiProperty({ example: '调阅接待清单,约谈主任' })
  @IsText({ maxLength: 4000, multiline: true })
  investigation!: string;

  @ApiProperty({ example: '反映属实,责令整改' })
  @IsText({ maxLength: 4000, multiline: true })
  result!: string;

  @ApiProperty({
    example: '南阳市人民政府网站 2015-12-04',
    description: 'Where the result was published (六(四))',
  })
  @IsText({
    maxLength: 500,
    requiredMessage:
      'publication is required: the result of a complaint is published (向社会公开处理结果, 六(四))',
  })
  publication!: string;
}

export class LapsesQueryDto {
  @ApiPropertyOptional({ example: 'henan.nanyang', description: 'Only the offices of this unit and below' })
  @IsOptional()
  @IsText({ maxLength: 200 })
  unitId?: string;
}
