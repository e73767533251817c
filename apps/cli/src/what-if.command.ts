import { parseArgs } from 'node:util';
import { createEventStore, loadConfig } from '@liaison/app';
import { refreshUnitDirectory, runWhatIf } from '@liaison/application';
import {
  checkHolidays,
  DomainError,
  endOfCstDay,
  officeContext,
  parseEscalationLadder,
  parseTierSla,
  PHASES,
  type EscalationLadder,
  type Phase,
  type TierSla,
  type WhatIfReport,
  type WhatIfVariant,
} from '@liaison/domain';
import { UsageError, type Command } from './command';
import { count, ProgressBar } from './progress';

const DAY_MS = 86_400_000;

/** A day (`2015-06-15`, to the end of the day in Beijing) or an instant. */
function instant(text: string, field: string, startOfDay = false): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const end = endOfCstDay(text).getTime();
    return new Date(startOfDay ? end - DAY_MS : end).toISOString();
  }
  const at = Date.parse(text);
  if (Number.isNaN(at)) throw new UsageError(`what-if: ${field} "${text}" is neither a day nor an instant`);
  return new Date(at).toISOString();
}

function phaseDeadlines(text: string): Partial<Record<Phase, string>> {
  const deadlines: Partial<Record<Phase, string>> = {};
  for (const part of text.split(',')) {
    const match = /^\s*([a-z-]+)\s*=\s*(\S+)\s*$/.exec(part);
    if (!match || !PHASES.includes(match[1] as Phase)) {
      throw new UsageError(`what-if: --phases "${part}" is not phase=day (phases: ${PHASES.join(', ')}; 七)`);
    }
    deadlines[match[1] as Phase] = instant(match[2]!, `--phases ${match[1]}`);
  }
  return deadlines;
}

/** The variant and period the arguments give; anything not given stays as the service runs it. */
export function whatIfOptions(args: readonly string[]) {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        sla: { type: 'string' },
        ladder: { type: 'string' },
        holidays: { type: 'string' },
        phases: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        format: { type: 'string', default: 'table' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(`what-if: ${(error as Error).message}`);
  }
  if (!values.from || !values.to) throw new UsageError('what-if: --from and --to are required');
  if (values.format !== 'table' && values.format !== 'json') {
    throw new UsageError('what-if: --format is table or json');
  }
  const variant: WhatIfVariant = {};
  try {
    // Empty defaults: only the tiers and steps given change.
    if (values.sla) variant.sla = parseTierSla(values.sla, {} as TierSla, '--sla');
    if (values.ladder)
      variant.ladder = parseEscalationLadder(values.ladder, {} as EscalationLadder, '--ladder');
    if (values.holidays) {
      variant.holidays = values.holidays.split(',').map((day) => day.trim());
      checkHolidays(variant.holidays);
    }
  } catch (error) {
    throw new UsageError(`what-if: ${(error as Error).message}`);
  }
  if (values.phases) variant.phaseDeadlines = phaseDeadlines(values.phases);
  return {
    variant,
    period: { from: instant(values.from, '--from', true), to: instant(values.to, '--to') },
    format: values.format,
  };
}

export function whatIfTable(report: WhatIfReport): string {
  const { totals } = report;
  const steps = (counts: Record<string, number>) =>
    `${counts.reminder}/${counts.escalation}/${counts['leading-group']}`;
  const lines = [
    `what-if ${report.period.from} … ${report.period.to} (log read up to ${report.asOf}, ${count(report.events)} events)`,
    `deadlines due in the period: ${count(totals.deadlines)}; overdue: ${totals.overdue.actual} actual, ` +
      `${totals.overdue.variant} under the variant; notices (reminder/escalation/leading group): ` +
      `${steps(totals.notices.actual)} actual, ${steps(totals.notices.variant)} under the variant`,
    '',
    [
      'unit',
      'tier',
      'deadlines',
      'overdue actual',
      'overdue variant',
      'notices actual',
      'notices variant',
    ].join('\t'),
    ...report.byUnitTier.map((group) =>
      [
        group.unitId,
        group.tier ?? 'filings',
        group.deadlines,
        group.overdue.actual,
        group.overdue.variant,
        steps(group.notices.actual),
        steps(group.notices.variant),
      ].join('\t'),
    ),
    '',
    `${report.differences.length} deadlines change:`,
    ...report.differences.map((change) => {
      const due = `${change.actual.dueAt ?? '—'} → ${change.variant.dueAt ?? '—'}`;
      const overdue = `overdue ${change.actual.overdue ? 'yes' : 'no'} → ${change.variant.overdue ? 'yes' : 'no'}`;
      const notices = [
        ...change.added.map((notice) => `+${notice.step} to ${notice.audience.join(', ')}`),
        ...change.removed.map((notice) => `-${notice.step} to ${notice.audience.join(', ')}`),
      ].join('; ');
      return `  ${change.deadlineId} (${change.title}): due ${due}, ${overdue}${notices ? `; ${notices}` : ''}`;
    }),
  ];
  return `${lines.join('\n')}\n`;
}

export const whatIfCommand: Command = {
  usage:
    'what-if --from DAY --to DAY [--sla county=3,municipal=5] [--ladder escalation=1,leading-group=3]\n' +
    '        [--holidays 2015-06-01,…] [--phases plan=2015-06-20,…] [--format table|json]',
  summary:
    'Replays the log through the deadline rules under another SLA, ladder, calendar or phase deadlines and\n' +
    'reports what would have been overdue and which notices would have gone out, against what did. Reads only.',
  async run(args, io) {
    const { variant, period, format } = whatIfOptions(args);
    const config = loadConfig(io.env);
    const store = createEventStore(config);
    const context = officeContext();
    const bar = new ProgressBar(io.stderr, { exactTotal: config.eventStore.kind === 'sqlite' });
    try {
      await refreshUnitDirectory(store, context.jurisdictions);
      const report = await runWhatIf(store, {
        jurisdictions: context.jurisdictions,
        actual: { ladder: config.escalationLadder, calendar: config.calendar },
        variant,
        period,
        onProgress: (progress) => bar.update(progress),
      });
      bar.finish();
      io.stdout.write(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : whatIfTable(report));
      return 0;
    } catch (error) {
      bar.finish();
      if (error instanceof DomainError) throw new UsageError(`what-if: ${error.message}`);
      throw error;
    } finally {
      await store.close();
    }
  },
};
