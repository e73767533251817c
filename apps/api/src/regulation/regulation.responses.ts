import { ApiProperty } from '@nestjs/swagger';

const DATE_TIME = { type: 'string', format: 'date-time' } as const;

export class RegulationObligationDto {
  @ApiProperty() deadlineId!: string;
  @ApiProperty({ enum: ['decoupling', 'disclosure', 'appraisal', 'complaint'] }) duty!: string;
  @ApiProperty({ example: '五(三)', description: 'The section of the plan the duty comes from' })
  section!: string;
  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'The year or the complaint; null for decoupling',
  })
  subject!: string | null;
  @ApiProperty(DATE_TIME) dueAt!: string;
  @ApiProperty({ enum: ['met', 'met-late', 'pending', 'overdue'] }) status!: string;
  @ApiProperty({ ...DATE_TIME, nullable: true }) metAt!: string | null;
}

/** The records kept under 四, 五, 六, as recorded (each with when it was recorded). */
export class RegulationRecordsDto {
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: '四: functions served, with evidence',
  })
  functions!: object[];
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: '五(一): the decoupling; null until recorded',
  })
  decoupling!: object | null;
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: '五(二): receptions with letter and list',
  })
  receptions!: object[];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: '五(三): yearly disclosures' })
  disclosures!: object[];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: '六(三): cadre rotations' })
  rotations!: object[];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: '六(一)(二): yearly appraisals' })
  appraisals!: object[];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: '六(四): inspections and audits' })
  supervisions!: object[];
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: '六(四): complaints and their results',
  })
  complaints!: object[];
}

export class RegulatedOfficeDto {
  @ApiProperty() officeId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() sponsorUnitId!: string;
  @ApiProperty() hostCityId!: string;
  @ApiProperty(DATE_TIME) retainedAt!: string;
  @ApiProperty({ type: 'integer', description: 'Events in the regulation stream' }) version!: number;
  @ApiProperty({ type: [RegulationObligationDto], description: 'Every dated duty, in due order' })
  obligations!: RegulationObligationDto[];
  @ApiProperty({ type: [RegulationObligationDto], description: 'The dated duties overdue now: its lapses' })
  lapses!: RegulationObligationDto[];
  @ApiProperty({ type: RegulationRecordsDto }) records!: RegulationRecordsDto;
}

export class RegulationLapseDto {
  @ApiProperty() deadlineId!: string;
  @ApiProperty({ enum: ['decoupling', 'disclosure', 'appraisal', 'complaint'] }) duty!: string;
  @ApiProperty({ example: '五(三)' }) section!: string;
  @ApiProperty() officeId!: string;
  @ApiProperty() officeName!: string;
  @ApiProperty() sponsorUnitId!: string;
  @ApiProperty({ type: 'string', nullable: true }) subject!: string | null;
  @ApiProperty(DATE_TIME) dueAt!: string;
  @ApiProperty({
    type: 'string',
    nullable: true,
    enum: ['reminder', 'escalation', 'leading-group'],
    description: 'How far up the ladder its notices have gone; leading-group: listed for circulation (通报)',
  })
  lastStep!: string | null;
}

export class RegulationActionDto {
  @ApiProperty() officeId!: string;
  @ApiProperty({ type: [String], description: 'The events recorded (none for a retry)' }) recorded!: string[];
  @ApiProperty({ type: 'integer' }) version!: number;
}
