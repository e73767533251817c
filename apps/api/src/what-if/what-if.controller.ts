import { Body, Controller, ForbiddenException, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiSignedIn, Authorizer, CurrentUser, type UserAccount } from '@liaison/auth';
import {
  MAX_WHAT_IF_DAYS,
  parseDuration,
  type Duration,
  type OfficeContext,
  type WhatIfVariant,
} from '@liaison/domain';
import { APP_CONFIG, EVENT_STORE, OFFICE_CONTEXT, runWhatIf } from '@liaison/application';
import type { AppConfig } from '@liaison/app';
import type { EventStore } from '@liaison/event-store';
import { assertKnownUnit, RequestValidationError } from '../common/errors';
import { WhatIfDto } from './what-if.dto';
import { WhatIfReportDto } from './what-if.responses';

const DAY_MS = 86_400_000;

function durations<K extends string>(
  given: Partial<Record<K, string>> | undefined,
): Partial<Record<K, Duration>> {
  const out: Partial<Record<K, Duration>> = {};
  for (const [key, text] of Object.entries(given ?? {}) as [K, string | undefined][]) {
    if (text !== undefined) out[key] = parseDuration(text, key);
  }
  return out;
}

/** What a supervisor asks of the deadline rules: the real log replayed under a variant, in memory. */
@ApiTags('what-if')
@ApiBearerAuth()
@ApiSignedIn()
@Controller()
export class WhatIfController {
  constructor(
    private readonly authorizer: Authorizer,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(OFFICE_CONTEXT) private readonly context: OfficeContext,
  ) {}

  @Post('what-if')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Replay the log under another SLA, ladder, calendar or phase deadlines (supervisors, admins): what would have ' +
      'been overdue and which notices would have gone out, against what did. Changes nothing.',
  })
  @ApiErrors(403)
  @ApiOkResponse({ type: WhatIfReportDto })
  async whatIf(@Body() body: WhatIfDto, @CurrentUser() user: UserAccount): Promise<WhatIfReportDto> {
    if (user.role !== 'supervisor' && user.role !== 'admin') {
      throw new ForbiddenException(`a what-if is a supervisor's work, not a ${user.role}'s`);
    }
    if (body.unitId) assertKnownUnit(this.context.jurisdictions, body.unitId);
    const scope = this.authorizer.listScope(user, body.unitId);
    if (scope.kind === 'none') {
      throw new ForbiddenException(`${body.unitId} lies outside ${user.username}'s jurisdiction`);
    }
    const from = Date.parse(body.from);
    const to = Date.parse(body.to);
    if (to <= from) throw invalid('to', 'after', 'to must be after from');
    if (to - from > MAX_WHAT_IF_DAYS * DAY_MS) {
      throw invalid('to', 'maxPeriod', `to must be at most ${MAX_WHAT_IF_DAYS} days after from`);
    }
    const variant: WhatIfVariant = {
      ...(body.sla ? { sla: durations(body.sla) } : {}),
      ...(body.ladder ? { ladder: durations(body.ladder) } : {}),
      ...(body.holidays?.length ? { holidays: body.holidays } : {}),
      ...(body.phaseDeadlines ? { phaseDeadlines: { ...body.phaseDeadlines } } : {}),
    };
    for (const [index, day] of (body.holidays ?? []).entries()) {
      if (Number.isNaN(Date.parse(`${day}T00:00:00Z`))) {
        throw invalid(`holidays[${index}]`, 'day', `holidays[${index}] ${day} is not a day`);
      }
    }
    const jurisdictions = this.context.jurisdictions;
    return runWhatIf(this.store, {
      jurisdictions,
      actual: { ladder: this.config.escalationLadder, calendar: this.config.calendar },
      variant,
      period: { from: new Date(from).toISOString(), to: new Date(to).toISOString() },
      ...(scope.kind === 'within'
        ? { inScope: (unitId: string) => jurisdictions.isWithin(unitId, scope.unitId) }
        : {}),
    });
  }
}

function invalid(field: string, rule: string, message: string): RequestValidationError {
  return new RequestValidationError([{ field, rule, message }]);
}
