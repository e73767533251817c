import { NumberedPageDto } from '../common/page.responses';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { OFFICE_STATUSES, RULE_IDS, RULINGS, TIERS } from '@liaison/domain';
import { DATE_TIME, OUTCOMES, ProgressDto, SPONSOR_KINDS, type RulingRecordDto } from './office.responses';

/** GET /offices: a page of the offices list, as the read model holds it. */

/** Inline, not a reference: OpenAPI 3.0 cannot make a referenced schema nullable. */
export const NULLABLE_RULING: ApiPropertyOptions = {
  type: 'object',
  nullable: true,
  description: 'The provincial ruling, for an office the plan does not cover; null before (or when covered)',
  properties: {
    ruling: { type: 'string', enum: [...RULINGS] },
    reasoning: { type: 'string' },
    tier: { type: 'string', enum: [...TIERS] },
  },
  required: ['ruling', 'reasoning', 'tier'],
  // With `required` naming the inner fields, the property's own presence must be said apart.
  selfRequired: true,
};

export class OfficeListItemDto {
  @ApiProperty({ format: 'uuid' })
  officeId!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty()
  sponsorUnitId!: string;

  @ApiProperty({ enum: SPONSOR_KINDS })
  sponsorKind!: string;

  @ApiProperty()
  hostCityId!: string;

  @ApiProperty()
  pairedAssistance!: boolean;

  @ApiProperty({ enum: [...RULE_IDS] })
  ruleId!: string;

  @ApiProperty({ enum: OUTCOMES })
  requiredOutcome!: string;

  @ApiProperty(NULLABLE_RULING)
  ruling!: RulingRecordDto | null;

  @ApiProperty({ enum: OFFICE_STATUSES })
  status!: string;

  @ApiProperty({ enum: [...TIERS, null], nullable: true })
  pendingTier!: string | null;

  @ApiProperty({ type: ProgressDto })
  progress!: ProgressDto;

  @ApiProperty({ type: 'integer' })
  version!: number;

  @ApiProperty(DATE_TIME)
  registeredAt!: string;

  @ApiProperty(DATE_TIME)
  updatedAt!: string;
}

export class OfficeListDto extends NumberedPageDto {
  @ApiProperty({ type: [OfficeListItemDto] })
  items!: OfficeListItemDto[];
}
