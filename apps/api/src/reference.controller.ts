import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@liaison/auth';
import { DISPOSITION_RULES, NOT_COVERED_RULE, TIERS, type OfficeContext } from '@liaison/domain';
import { OFFICE_CONTEXT } from '@liaison/application';
import { HostCityDto, RulesDto } from './reference.responses';
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
}
