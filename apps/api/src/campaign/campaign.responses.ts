import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { PHASES } from '@liaison/domain';

const DATE_TIME = { type: 'string', format: 'date-time' } as const;

export class PhaseDeadlinesDto {
  @ApiProperty({ ...DATE_TIME, description: 'Work plans due (七)' })
  plan!: string;

  @ApiProperty({ ...DATE_TIME, name: 'carry-out', description: 'Clean-up carried out' })
  'carry-out'!: string;

  @ApiProperty({ ...DATE_TIME, description: 'Work summaries due' })
  summary!: string;
}

export class CampaignUnitDto {
  @ApiProperty()
  unitId!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ ...DATE_TIME, nullable: true })
  workPlanFiledAt!: string | null;

  @ApiProperty({ ...DATE_TIME, nullable: true })
  workSummaryFiledAt!: string | null;
}

export class CampaignDto {
  @ApiProperty({ example: 'nanyang-2015' })
  campaignId!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ example: 'henan.nanyang' })
  leadUnitId!: string;

  @ApiProperty({ type: PhaseDeadlinesDto })
  deadlines!: PhaseDeadlinesDto;

  @ApiProperty({ type: [CampaignUnitDto], description: 'Every filing unit and when it filed' })
  units!: CampaignUnitDto[];
}

export class PhaseMovedDto {
  @ApiProperty({ enum: PHASES })
  phase!: string;

  @ApiPropertyOptional({ type: PhaseDeadlinesDto, description: 'The deadlines as they now stand' })
  deadlines?: PhaseDeadlinesDto;

  @ApiProperty({ description: 'False when the deadline already was that instant' })
  moved!: boolean;
}

export class LiaisonPersonViewDto {
  @ApiProperty()
  name!: string;

  @ApiProperty()
  phone!: string;
}

export class WorkPlanViewDto {
  @ApiProperty()
  unitId!: string;

  @ApiProperty()
  leadDepartment!: string;

  @ApiProperty({ type: LiaisonPersonViewDto })
  liaisonPerson!: LiaisonPersonViewDto;

  @ApiProperty()
  plan!: string;

  @ApiProperty(DATE_TIME)
  filedAt!: string;
}

export class WorkSummaryViewDto {
  @ApiProperty()
  unitId!: string;

  @ApiProperty()
  summary!: string;

  @ApiProperty(DATE_TIME)
  filedAt!: string;
}

/** OpenAPI 3.0 cannot make a referenced schema nullable: the filings are inlined where they may be null. */
function nullable(description: string, properties: Record<string, object>): ApiPropertyOptions {
  return {
    type: 'object',
    nullable: true,
    description,
    properties,
    required: Object.keys(properties),
    selfRequired: true,
  };
}
const FILED_AT = { type: 'string', format: 'date-time' };
const WORK_PLAN = nullable('The work plan as filed; null until it is', {
  unitId: { type: 'string' },
  leadDepartment: { type: 'string' },
  liaisonPerson: {
    type: 'object',
    properties: { name: { type: 'string' }, phone: { type: 'string' } },
    required: ['name', 'phone'],
  },
  plan: { type: 'string' },
  filedAt: FILED_AT,
});
const WORK_SUMMARY = nullable('The work summary as filed; null until it is', {
  unitId: { type: 'string' },
  summary: { type: 'string' },
  filedAt: FILED_AT,
});

export class UnitFilingsDto {
  @ApiProperty()
  unitId!: string;

  @ApiProperty(WORK_PLAN)
  workPlan!: WorkPlanViewDto | null;

  @ApiProperty(WORK_SUMMARY)
  workSummary!: WorkSummaryViewDto | null;
}

export class FilingRecordedDto extends UnitFilingsDto {
  @ApiProperty({
    type: [String],
    example: ['WorkPlanFiled'],
    description: 'What was recorded (none if unchanged)',
  })
  recorded!: string[];
}
