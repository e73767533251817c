import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chained, SqliteEventStore } from '@liaison/event-store';
import { CAMPAIGN, CAMPAIGN_EVENTS, OfficeScenario } from '@liaison/projections/testing/office-scenario';
import { loadConfig } from '@liaison/app';
import type { WhatIfReport } from '@liaison/domain';
import type { CliIo } from './command';
import { EXIT_USAGE, main } from './main';

function output() {
  const chunks: string[] = [];
  return { chunks, isTTY: false, write: (text: string) => chunks.push(text), text: () => chunks.join('') };
}

describe('what-if (the CLI)', () => {
  let dataDir: string;
  let filename: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cli-what-if-'));
    const config = loadConfig({ DATA_DIR: dataDir });
    if (config.eventStore.kind !== 'sqlite') throw new Error('expected the SQLite event store');
    filename = config.eventStore.filename;
    const store = chained(new SqliteEventStore({ filename }));
    try {
      await new OfficeScenario(store).runAll(CAMPAIGN);
    } finally {
      await store.close();
    }
  });

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  async function whatIf(...args: string[]) {
    const stdout = output();
    const stderr = output();
    const io = { env: { DATA_DIR: dataDir }, stdout, stderr } satisfies CliIo;
    const code = await main(['what-if', ...args], io);
    return { code, stdout: stdout.text(), stderr: stderr.text() };
  }

  it('given the campaign log, when the county SLA were 30 seconds, then county decisions made in minutes are overdue', async () => {
    const run = await whatIf(
      '--from',
      '2016-03-01',
      '--to',
      '2016-04-30',
      '--sla',
      'county=30s',
      '--format',
      'json',
    );
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as WhatIfReport;
    expect(report.events).toBe(CAMPAIGN_EVENTS);
    expect(report.totals.overdue.variant).toBeGreaterThan(report.totals.overdue.actual);
    // Decided on time (or still open, not yet due): overdue under the variant, with the reminder it would send.
    const late = report.differences.filter((change) => !change.actual.overdue && change.variant.overdue);
    expect(late.length).toBeGreaterThan(0);
    for (const change of late) {
      expect(change.tier).toBe('county');
      expect(change.added[0]).toMatchObject({
        step: 'reminder',
        audience: [expect.stringMatching(/^(approvers:county@|user:)/)],
      });
    }
    // Only county tasks move.
    expect(report.differences.every((change) => change.tier === 'county')).toBe(true);
    // The bar went to stderr and reached the end of the log.
    expect(run.stderr).toMatch(/100\.0%/);
  });

  it('prints a table per unit and tier, and writes nothing to the log', async () => {
    const run = await whatIf('--from', '2016-03-01', '--to', '2016-04-30', '--sla', 'county=30s');
    expect(run.stdout).toMatch(/deadlines due in the period/);
    expect(run.stdout).toMatch(/\tcounty\t/);
    const store = new SqliteEventStore({ filename });
    try {
      expect((await store.readAll()).length).toBe(CAMPAIGN_EVENTS);
    } finally {
      await store.close();
    }
  });

  it('refuses a bad variant or period with a usage error naming the option', async () => {
    expect((await whatIf('--from', '2016-03-01', '--to', '2016-04-30', '--sla', 'town=3')).stderr).toMatch(
      /--sla: "town=3" is not tier=days/,
    );
    const backwards = await whatIf('--from', '2016-04-30', '--to', '2016-03-01');
    expect(backwards.code).toBe(EXIT_USAGE);
    expect(backwards.stderr).toMatch(/to must be after from/);
    expect(
      (await whatIf('--from', '2016-03-01', '--to', '2016-04-30', '--holidays', '2016-13-01')).stderr,
    ).toMatch(/2016-13-01 is not a date/);
  });
});
