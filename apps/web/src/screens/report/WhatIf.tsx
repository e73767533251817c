import { Alert, Button, Card, DatePicker, Form, Input, Space, Statistic, Table } from 'antd';
import { useState } from 'react';
import { useReportI18n } from './text';
import { emptyText } from '../campaign/States';
import { dateTime, pickerValue } from '../campaign/time';
import { useWhatIf, type WhatIfReport, type WhatIfRequest } from './data';

const TIERS = ['county', 'municipal', 'provincial'] as const;
const STEPS = ['reminder', 'escalation', 'leading-group'] as const;
const PHASES = ['plan', 'carry-out', 'summary'] as const;

type Fields = Record<string, string | undefined>;

/** Only what was filled in: a tier, step or phase left empty keeps the recorded value. */
function variant(
  fields: Fields,
  from: string,
  to: string,
  phases: Record<string, string | null>,
): WhatIfRequest {
  const pick = (keys: readonly string[], prefix: string) => {
    const entries = keys
      .map((key) => [key, fields[`${prefix}.${key}`]?.trim()] as const)
      .filter(([, v]) => v);
    return entries.length > 0 ? Object.fromEntries(entries) : undefined;
  };
  const holidays = (fields.holidays ?? '')
    .split(/[\s,,]+/)
    .map((day) => day.trim())
    .filter(Boolean);
  const moved = Object.entries(phases).filter(([, at]) => at);
  return {
    from,
    to,
    ...(pick(TIERS, 'sla') ? { sla: pick(TIERS, 'sla') } : {}),
    ...(pick(STEPS, 'ladder') ? { ladder: pick(STEPS, 'ladder') } : {}),
    ...(holidays.length > 0 ? { holidays } : {}),
    ...(moved.length > 0 ? { phaseDeadlines: Object.fromEntries(moved) } : {}),
  } as WhatIfRequest;
}

/**
 * The deadline rules replayed under a variant (SLA per tier, ladder, extra holidays, moved phase deadlines) over a
 * period: nothing is changed, the differences per unit and tier are shown against what happened.
 */
export function WhatIf() {
  const { t, locale } = useReportI18n();
  const run = useWhatIf();
  const [period, setPeriod] = useState<{ from: string | null; to: string | null }>({ from: null, to: null });
  const [phases, setPhases] = useState<Record<string, string | null>>({});
  const label = (key: string) => t(key);
  const onFinish = (fields: Fields) => {
    if (!period.from || !period.to) return;
    run.mutate(variant(fields, period.from, period.to, phases));
  };
  const picker = (id: string, value: string | null, set: (iso: string | null) => void) => (
    <DatePicker
      id={id}
      showTime
      allowClear
      format="YYYY-MM-DD HH:mm"
      value={value ? pickerValue(value) : null}
      onChange={(v) => set(v ? v.toISOString() : null)}
    />
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small" title={t('whatIf.variant')}>
        <Form layout="inline" onFinish={onFinish} data-testid="what-if-form">
          <Form.Item label={t('whatIf.from')} htmlFor="what-if-from" required>
            {picker('what-if-from', period.from, (from) => setPeriod({ ...period, from }))}
          </Form.Item>
          <Form.Item label={t('whatIf.to')} htmlFor="what-if-to" required>
            {picker('what-if-to', period.to, (to) => setPeriod({ ...period, to }))}
          </Form.Item>
          {TIERS.map((tier) => (
            <Form.Item
              key={tier}
              name={`sla.${tier}`}
              label={`${t('whatIf.sla')} · ${label(`whatIf.tier.${tier}`)}`}
            >
              <Input placeholder={t('whatIf.durationHint')} style={{ width: 110 }} />
            </Form.Item>
          ))}
          {STEPS.map((step) => (
            <Form.Item
              key={step}
              name={`ladder.${step}`}
              label={`${t('whatIf.ladder')} · ${label(`whatIf.step.${step}`)}`}
            >
              <Input placeholder={t('whatIf.durationHint')} style={{ width: 110 }} />
            </Form.Item>
          ))}
          <Form.Item name="holidays" label={t('whatIf.holidays')}>
            <Input placeholder="2015-11-16, 2015-11-17" style={{ width: 220 }} />
          </Form.Item>
          {PHASES.map((phase) => (
            <Form.Item
              key={phase}
              label={`${t('whatIf.phase')} · ${label(`whatIf.phase.${phase}`)}`}
              htmlFor={`phase-${phase}`}
            >
              {picker(`phase-${phase}`, phases[phase] ?? null, (at) => setPhases({ ...phases, [phase]: at }))}
            </Form.Item>
          ))}
          <Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              loading={run.isPending}
              disabled={!period.from || !period.to}
            >
              {t('whatIf.run')}
            </Button>
          </Form.Item>
        </Form>
      </Card>
      {run.isError && <Alert type="error" showIcon message={run.error.message} />}
      {run.data && <Outcome report={run.data} label={label} locale={locale} />}
    </Space>
  );
}

function Outcome({
  report,
  label,
  locale,
}: {
  report: WhatIfReport;
  label: (key: string) => string;
  locale: 'zh-CN' | 'en';
}) {
  const { totals } = report;
  return (
    <Card
      size="small"
      title={`${label('whatIf.outcome')} · ${dateTime(report.asOf, locale)}`}
      data-testid="what-if-outcome"
    >
      <Space size="large" wrap>
        <Statistic title={label('whatIf.deadlines')} value={totals.deadlines} />
        <Statistic title={label('whatIf.overdueActual')} value={totals.overdue.actual} />
        <Statistic title={label('whatIf.overdueVariant')} value={totals.overdue.variant} />
        <Statistic title={label('whatIf.changed')} value={report.differences.length} />
      </Space>
      <Table
        rowKey={(row) => `${row.unitId}.${row.tier ?? 'filing'}`}
        size="small"
        style={{ marginTop: 12 }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        dataSource={report.byUnitTier}
        locale={{ emptyText: emptyText(label('whatIf.noDifference')) }}
        columns={[
          { title: label('report.unit'), dataIndex: 'unitId' },
          {
            title: label('whatIf.tierColumn'),
            dataIndex: 'tier',
            render: (tier: string | null) => label(`whatIf.tier.${tier ?? 'filing'}`),
          },
          { title: label('whatIf.deadlines'), dataIndex: 'deadlines' },
          { title: label('whatIf.overdueActual'), render: (_, row) => row.overdue.actual },
          { title: label('whatIf.overdueVariant'), render: (_, row) => row.overdue.variant },
          {
            title: label('whatIf.notices'),
            render: (_, row) => {
              const sum = (counts: Record<string, number>) =>
                Object.values(counts).reduce((a, b) => a + b, 0);
              return `${sum(row.notices.actual)} → ${sum(row.notices.variant)}`;
            },
          },
        ]}
      />
    </Card>
  );
}
