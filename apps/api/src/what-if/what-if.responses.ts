import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ESCALATION_STEPS } from '@liaison/domain';

export class WhatIfNoticeDto {
  @ApiProperty({ enum: ESCALATION_STEPS })
  step!: string;
  @ApiProperty()
  at!: string;
  @ApiProperty({ type: [String], example: ['approvers:county@henan.nanyang.xichuan'] })
  audience!: string[];
}

export class DeadlineOutcomeDto {
  @ApiProperty({ type: String, nullable: true })
  dueAt!: string | null;
  @ApiProperty()
  overdue!: boolean;
  @ApiProperty({ type: [WhatIfNoticeDto] })
  notices!: WhatIfNoticeDto[];
}

export class DeadlineDifferenceDto {
  @ApiProperty({ example: 'task.0b7c1f3e-0000-4000-8000-000000000001.3' })
  deadlineId!: string;
  @ApiProperty({ enum: ['task', 'work-plan', 'work-summary', 'abolition'] })
  kind!: string;
  @ApiPropertyOptional({ enum: ['retention', 'ruling'] })
  taskKind?: string;
  @ApiPropertyOptional()
  officeId?: string;
  @ApiProperty()
  unitId!: string;
  @ApiProperty()
  title!: string;
  @ApiProperty({ type: String, nullable: true })
  tier!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Decided or filed at' })
  closedAt!: string | null;
  @ApiProperty({ type: DeadlineOutcomeDto })
  actual!: DeadlineOutcomeDto;
  @ApiProperty({ type: DeadlineOutcomeDto })
  variant!: DeadlineOutcomeDto;
  @ApiProperty({ type: [WhatIfNoticeDto], description: 'Notices the variant would send that did not go out' })
  added!: WhatIfNoticeDto[];
  @ApiProperty({
    type: [WhatIfNoticeDto],
    description: 'Notices that went out that the variant would not send',
  })
  removed!: WhatIfNoticeDto[];
}

export class StepCountsDto {
  @ApiProperty()
  reminder!: number;
  @ApiProperty()
  escalation!: number;
  @ApiProperty({ name: 'leading-group' })
  'leading-group'!: number;
}

export class BothWaysDto {
  @ApiProperty()
  actual!: number;
  @ApiProperty()
  variant!: number;
}

export class WhatIfNoticeCountsDto {
  @ApiProperty({ type: StepCountsDto })
  actual!: StepCountsDto;
  @ApiProperty({ type: StepCountsDto })
  variant!: StepCountsDto;
}

export class WhatIfTotalsDto {
  @ApiProperty()
  deadlines!: number;
  @ApiProperty({ type: BothWaysDto })
  overdue!: BothWaysDto;
  @ApiProperty({ type: WhatIfNoticeCountsDto })
  notices!: WhatIfNoticeCountsDto;
}

export class UnitTierTotalsDto extends WhatIfTotalsDto {
  @ApiProperty()
  unitId!: string;
  @ApiProperty({ type: String, nullable: true, description: "A task's tier; null for the unit's filings" })
  tier!: string | null;
}

export class WhatIfPeriodDto {
  @ApiProperty()
  from!: string;
  @ApiProperty()
  to!: string;
}

export class WhatIfReportDto {
  @ApiProperty({ type: WhatIfPeriodDto })
  period!: WhatIfPeriodDto;
  @ApiProperty({ description: "The log was read up to here: the period's end, or now if earlier" })
  asOf!: string;
  @ApiProperty({ description: 'Events read' })
  events!: number;
  @ApiProperty({ type: WhatIfTotalsDto })
  totals!: WhatIfTotalsDto;
  @ApiProperty({ type: [UnitTierTotalsDto] })
  byUnitTier!: UnitTierTotalsDto[];
  @ApiProperty({ type: [DeadlineDifferenceDto] })
  differences!: DeadlineDifferenceDto[];
}
