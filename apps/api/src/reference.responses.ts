import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RULE_IDS, TIERS } from '@liaison/domain';

export class HostCityDto {
  @ApiProperty({ example: 'shenzhen' })
  id!: string;

  @ApiProperty({ example: '深圳' })
  name!: string;

  @ApiProperty({ example: 'guangdong' })
  provinceId!: string;

  @ApiProperty({
    isArray: true,
    enum: ['provincial-capital', 'separately-planned-city', 'special-economic-zone'],
  })
  kinds!: string[];
}

export class DispositionRuleDto {
  @ApiProperty({ enum: [...RULE_IDS] })
  id!: string;

  @ApiProperty({ example: '三(一)' })
  section!: string;

  @ApiProperty({
    isArray: true,
    enum: ['county-government', 'county-department', 'municipal-government', 'municipal-department'],
  })
  sponsorKinds!: string[];

  @ApiProperty({ enum: ['home-province-capital', 'outside-province'] })
  location!: string;

  @ApiPropertyOptional({ description: 'Only for rules that depend on it: paired assistance work (对口援助)' })
  pairedAssistance?: boolean;

  @ApiProperty({ enum: ['abolish', 'retain-or-abolish', 'ruling-required'] })
  outcome!: string;

  @ApiProperty()
  summary!: string;

  @ApiProperty({ description: "The plan's own words" })
  text!: string;
}

export class RulesDto {
  @ApiProperty({ type: [DispositionRuleDto] })
  dispositionRules!: DispositionRuleDto[];

  @ApiProperty({ isArray: true, enum: TIERS })
  tiers!: string[];
}

/** The rule registration would apply: what GET /rules/preview answers, before anything is recorded. */
export class RulePreviewDto {
  @ApiProperty({
    enum: ['county-government', 'county-department', 'municipal-government', 'municipal-department'],
  })
  sponsorKind!: string;

  @ApiProperty({ enum: [...RULE_IDS], example: '三(一)-a' })
  ruleId!: string;

  @ApiProperty({ example: '三(一)' })
  section!: string;

  @ApiProperty({ enum: ['home-province-capital', 'outside-province'] })
  location!: string;

  @ApiProperty({ enum: ['abolish', 'retain-or-abolish', 'ruling-required'] })
  outcome!: string;

  @ApiProperty()
  summary!: string;

  @ApiPropertyOptional({
    enum: TIERS,
    description: 'Where a retention request would start, if one may be made',
  })
  retentionStartTier?: string;

  @ApiProperty({ description: "The plan's own words for the rule" })
  ruleText!: string;
}
