import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, ValidateIf } from 'class-validator';
import { RULE_IDS, RULINGS, TIERS, type Ruling, type Tier, type TierDecision } from '@liaison/domain';
import { INBOX_VIEWS, type InboxView } from '@liaison/projections';
import { PageQueryDto, TIER_DECISIONS } from '../offices/dto';
import { IsText } from '../common/text';
import { UNIT_ID_PATTERN, UNIT_ID_RULE } from '../units/units.dto';

export class InboxQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: INBOX_VIEWS, default: 'group' })
  @IsOptional()
  @IsIn(INBOX_VIEWS)
  view?: InboxView;

  @ApiPropertyOptional({
    description: 'Only offices of this unit and the units below it (within your jurisdiction)',
    example: 'henan.nanyang.xichuan',
  })
  @IsOptional()
  @Matches(UNIT_ID_PATTERN, { message: `unitId must be ${UNIT_ID_RULE}` })
  unitId?: string;

  @ApiPropertyOptional({ enum: RULE_IDS, description: 'Only offices the plan’s rule applies to' })
  @IsOptional()
  @IsIn(RULE_IDS)
  ruleId?: string;

  @ApiPropertyOptional({ enum: TIERS, description: 'Only tasks waiting at this tier' })
  @IsOptional()
  @IsIn(TIERS)
  tier?: Tier;

  @ApiPropertyOptional({ description: 'Only offices whose name contains this text', maxLength: 100 })
  @IsOptional()
  @IsText({ maxLength: 100 })
  officeName?: string;
}

export class DelegateDto {
  @ApiProperty({
    example: 'approver.xichuan.2',
    description: 'Another approver of the same tier and jurisdiction',
  })
  @IsString()
  @IsNotEmpty()
  to!: string;
}

/**
 * A decision on a task, at the task's tier: `decision` (and `comment`) for a retention task, `ruling` and
 * `reasoning` for a ruling task (an office the plan does not cover).
 */
export class TaskDecisionDto {
  @ApiPropertyOptional({ enum: TIER_DECISIONS, description: 'A retention task: approve, reject or return' })
  @ValidateIf((body: TaskDecisionDto) => body.ruling === undefined)
  @IsIn(TIER_DECISIONS, {
    message: 'decision must be one of approve, reject, return (or, for a ruling task, give ruling)',
  })
  decision?: TierDecision;

  @ApiPropertyOptional({ description: 'A retention task: required to reject or return' })
  @ValidateIf(
    (body: TaskDecisionDto) =>
      body.comment !== undefined || body.decision === 'reject' || body.decision === 'return',
  )
  @IsText({
    maxLength: 4000,
    multiline: true,
    requiredMessage: 'comment is required to reject or return: the reason goes on record',
  })
  comment?: string;

  @ApiPropertyOptional({ enum: RULINGS, description: 'A ruling task: what the provincial tier rules' })
  @ValidateIf((body: TaskDecisionDto) => body.ruling !== undefined || body.decision === undefined)
  @IsIn(RULINGS)
  ruling?: Ruling;

  @ApiPropertyOptional({
    description: 'A ruling task: the ruling’s reasoning (required with ruling)',
    example: '参照豫政办〔2015〕74号精神,市直部门驻外省办事机构一律撤销',
  })
  @ValidateIf((body: TaskDecisionDto) => body.ruling !== undefined)
  @IsText({ maxLength: 2000, multiline: true })
  reasoning?: string;
}
