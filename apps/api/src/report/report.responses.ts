import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { OverdueItemDto } from '../audit/audit.responses';

const DATE_TIME = { type: 'string', format: 'date-time' } as const;
const NULLABLE_DATE_TIME = { ...DATE_TIME, nullable: true } as const;
/** OpenAPI 3.0 cannot make a referenced schema nullable: these are inlined where they may be null. */
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
const REVIEW = nullable("The municipal government's latest review; null until it reviews", {
  decision: { type: 'string', enum: ['approved', 'returned'] },
  comment: { type: 'string' },
  reviewedAt: DATE_TIME,
});
const SUBMISSION = nullable('When the report went to the provincial Bureau; null until it does', {
  provinceId: { type: 'string' },
  submittedAt: DATE_TIME,
});
const COUNTS = { type: 'object', additionalProperties: { type: 'integer' } } as const;

export class OfficeTallyDto {
  @ApiProperty({ type: 'integer' }) offices!: number;
  @ApiProperty({
    ...COUNTS,
    description: 'By sponsor kind (三): municipal or county government or department',
  })
  bySponsorKind!: Record<string, number>;
  @ApiProperty({
    ...COUNTS,
    description: 'By host: home-capital, other-capital, separately-planned-city, special-economic-zone',
  })
  byHost!: Record<string, number>;
  @ApiProperty({ ...COUNTS, description: 'By the outcome the rule requires (三)' })
  byRequiredOutcome!: Record<string, number>;
  @ApiProperty({
    ...COUNTS,
    description: 'Where each stands: abolished, closed, retained, rejected, pending, awaiting-ruling',
  })
  byStanding!: Record<string, number>;
}

export class AmountsDto {
  @ApiProperty({ type: 'integer' }) count!: number;
  @ApiProperty({ description: 'Yuan' }) bookValue!: number;
}

export class DisposalAmountsDto extends AmountsDto {
  @ApiProperty({ description: 'Value realised or transferred, yuan' }) value!: number;
}

export class AssetTallyDto {
  @ApiProperty({ type: AmountsDto }) total!: AmountsDto;
  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/AmountsDto' } })
  byKind!: Record<string, AmountsDto>;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/DisposalAmountsDto' },
    description: 'By disposal method, and `undisposed`',
  })
  byMethod!: Record<string, DisposalAmountsDto>;
  @ApiProperty({ description: 'What public auctions brought the treasury, yuan (八(三))' })
  proceedsToTreasury!: number;
}

export class StaffTallyDto {
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiProperty({ ...COUNTS, description: 'By placement, and `unplaced`' }) byPlacement!: Record<
    string,
    number
  >;
}

export class FilingRecordDto {
  @ApiProperty(NULLABLE_DATE_TIME) firstFiledAt!: string | null;
  @ApiProperty(NULLABLE_DATE_TIME) lastFiledAt!: string | null;
  @ApiProperty({ enum: ['on-time', 'late', 'missing', 'not-yet-due'] }) status!: string;
}

export class InspectionRecordDto {
  @ApiProperty({ enum: ['accepted', 'returned', 'awaiting-inspection', 'not-filed'] }) status!: string;
  @ApiProperty({ type: 'string', nullable: true }) comment!: string | null;
  @ApiProperty(NULLABLE_DATE_TIME) inspectedAt!: string | null;
  @ApiProperty({
    ...NULLABLE_DATE_TIME,
    description: "When the Bureau's inspection of the summary on file falls due, as recorded",
  })
  dueAt!: string | null;
}

export class UnitReportDto {
  @ApiProperty() unitId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: OfficeTallyDto }) offices!: OfficeTallyDto;
  @ApiProperty({ type: AssetTallyDto }) assets!: AssetTallyDto;
  @ApiProperty({ type: StaffTallyDto }) staff!: StaffTallyDto;
  @ApiPropertyOptional({ type: FilingRecordDto, description: 'Absent for the city’s own government' })
  workPlan?: FilingRecordDto;
  @ApiPropertyOptional({ type: FilingRecordDto }) workSummary?: FilingRecordDto;
  @ApiPropertyOptional({ type: InspectionRecordDto }) inspection?: InspectionRecordDto;
}

export class CityTotalsDto {
  @ApiProperty({ type: OfficeTallyDto }) offices!: OfficeTallyDto;
  @ApiProperty({ type: AssetTallyDto }) assets!: AssetTallyDto;
  @ApiProperty({ type: StaffTallyDto }) staff!: StaffTallyDto;
  @ApiProperty({
    type: 'object',
    additionalProperties: COUNTS,
    description: 'workPlan, workSummary by status',
  })
  filings!: Record<string, Record<string, number>>;
}

export class OfficeLineDto {
  @ApiProperty() officeId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() sponsorUnitId!: string;
  @ApiProperty({ description: 'The filing unit it is counted under' }) unitId!: string;
  @ApiProperty() sponsorKind!: string;
  @ApiProperty() hostCityId!: string;
  @ApiProperty() hostCategory!: string;
  @ApiProperty() ruleId!: string;
  @ApiProperty() requiredOutcome!: string;
  @ApiProperty() status!: string;
  @ApiProperty() standing!: string;
  @ApiProperty({ type: 'integer' }) assets!: number;
  @ApiProperty() bookValue!: number;
  @ApiProperty({ type: 'integer' }) disposed!: number;
  @ApiProperty() proceeds!: number;
  @ApiProperty({ type: 'integer' }) staff!: number;
  @ApiProperty({ type: 'integer' }) placed!: number;
}

export class ReportCirculationItemDto {
  @ApiProperty() deadlineId!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() subjectId!: string;
  @ApiProperty() unitId!: string;
  @ApiProperty() title!: string;
  @ApiProperty(DATE_TIME) dueAt!: string;
  @ApiProperty(DATE_TIME) listedAt!: string;
}

export class NoticeCountsDto {
  @ApiProperty({ type: 'integer' }) reminder!: number;
  @ApiProperty({ type: 'integer' }) escalation!: number;
  @ApiProperty({ type: 'integer', name: 'leading-group' }) 'leading-group'!: number;
}

export class ReportStepDto {
  @ApiProperty({ enum: ['inspection', 'review', 'submission'] }) step!: string;
  @ApiProperty(NULLABLE_DATE_TIME) dueAt!: string | null;
  @ApiProperty({ enum: ['met', 'pending', 'overdue'] }) status!: string;
}

export class ReviewRecordDto {
  @ApiProperty({ enum: ['approved', 'returned'] }) decision!: string;
  @ApiProperty() comment!: string;
  @ApiProperty(DATE_TIME) reviewedAt!: string;
}

export class SubmissionRecordDto {
  @ApiProperty() provinceId!: string;
  @ApiProperty(DATE_TIME) submittedAt!: string;
}

export class CityReportDto {
  @ApiProperty() cityId!: string;
  @ApiProperty() cityName!: string;
  @ApiProperty() provinceId!: string;
  @ApiProperty(DATE_TIME) at!: string;
  @ApiProperty({ type: 'string', nullable: true }) campaignId!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) unitNames!: Record<
    string,
    string
  >;
  @ApiProperty({
    type: [UnitReportDto],
    description: 'The city’s own government first, then the filing units',
  })
  units!: UnitReportDto[];
  @ApiProperty({ type: CityTotalsDto }) city!: CityTotalsDto;
  @ApiProperty({ type: [OfficeLineDto] }) offices!: OfficeLineDto[];
  @ApiProperty({ type: [OverdueItemDto] }) overdue!: OverdueItemDto[];
  @ApiProperty({ type: NoticeCountsDto }) notices!: NoticeCountsDto;
  @ApiProperty({ type: [ReportCirculationItemDto], description: 'Listed for circulation (通报, 八(三))' })
  circulation!: ReportCirculationItemDto[];
  @ApiProperty({ type: [ReportStepDto] }) steps!: ReportStepDto[];
  @ApiProperty(REVIEW) review!: ReviewRecordDto | null;
  @ApiProperty(SUBMISSION) submission!: SubmissionRecordDto | null;
}

export class ReportStepStatusDto {
  @ApiProperty({ enum: ['inspection', 'review', 'submission'] }) step!: string;
  @ApiProperty(NULLABLE_DATE_TIME) dueAt!: string | null;
  @ApiProperty() done!: boolean;
}

export class CityReportStatusDto {
  @ApiProperty() cityId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() opened!: boolean;
  @ApiProperty({ type: [ReportStepStatusDto] }) steps!: ReportStepStatusDto[];
  @ApiProperty(REVIEW) review!: ReviewRecordDto | null;
  @ApiProperty({ ...NULLABLE_DATE_TIME, description: 'When it went to the provincial Bureau' })
  submittedAt!: string | null;
}

export class ReportActionDto {
  @ApiProperty() cityId!: string;
  @ApiProperty({ type: [String], description: 'The events recorded (none for a retry)' }) recorded!: string[];
}
