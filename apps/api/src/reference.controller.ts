import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@liaison/auth';
import {
  DISPOSITION_RULES,
  dispositionFor,
  NOT_COVERED_RULE,
  TIERS,
  type OfficeContext,
} from '@liaison/domain';
import { OFFICE_CONTEXT } from '@liaison/application';
import { RulePreviewQueryDto } from './reference.dto';
import { HostCityDto, RulePreviewDto, RulesDto } from './reference.responses';
import { JurisdictionUnitDto } from './units/unit.responses';

/** The reference data a clerk needs to fill in a registration, and the rules the service applies. */
@ApiTags('reference')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller()
export class ReferenceController {
  constructor(@Inject(OFFICE_CONTEXT) private readonly context: OfficeContext) {}

  @Get('jurisdictions')
  @ApiOperation({
    summary: 'The jurisdiction tree: every unit that can sponsor an office, with its sponsor kind',
  })
  @ApiOkResponse({ type: [JurisdictionUnitDto] })
  jurisdictions() {
    const { jurisdictions } = this.context;
    return jurisdictions.all().map((unit) => ({
      ...unit,
      sponsorKind: jurisdictions.sponsorKind(unit.id) ?? null,
    }));
  }

  @Get('host-cities')
  @ApiOperation({ summary: 'Host cities the plan covers: provincial capitals, 计划单列市, 经济特区 (一)' })
  @ApiOkResponse({ type: [HostCityDto] })
  hostCities() {
    return [...this.context.hostCities.values()];
  }

  @Get('rules')
  @ApiOperation({
    summary: 'The disposition rules of section 三, with the plan text, and the approval tiers',
  })
  @ApiOkResponse({ type: RulesDto })
  rules() {
    return { dispositionRules: [...DISPOSITION_RULES, NOT_COVERED_RULE], tiers: TIERS };
  }

  @Get('rules/preview')
  @ApiOperation({
    summary:
      'The rule registration would apply to an office of this sponsor in this host city (三); nothing is recorded',
  })
  @ApiErrors([422, 'Unknown, retired or uncovered sponsor, or a host city the plan does not cover (一)'])
  @ApiOkResponse({ type: RulePreviewDto })
  preview(@Query() query: RulePreviewQueryDto) {
    const { sponsorKind, disposition } = dispositionFor(
      {
        sponsorUnitId: query.sponsorUnitId,
        hostCityId: query.hostCityId,
        pairedAssistance: query.pairedAssistance ?? false,
      },
      this.context,
    );
    const rule = [...DISPOSITION_RULES, NOT_COVERED_RULE].find((r) => r.id === disposition.ruleId);
    return { sponsorKind, ...disposition, ruleText: rule?.text ?? '' };
  }
}
