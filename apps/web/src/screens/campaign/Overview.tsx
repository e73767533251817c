import { Card, Col, Descriptions, Row, Space, Statistic, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/en';
import { CompliancePie, StatusChart, UnitChart } from './charts';
import {
  STATUSES,
  useCampaign,
  useCampaignAsOf,
  useUnitNames,
  type Campaign,
  type CampaignAsOf,
} from './data';
import { Replay } from './Replay';
import { emptyText, Loaded } from './States';
import { dateTime, elapsed, fill } from './time';

type Phase = 'plan' | 'summary';
const FILED_AT: Record<Phase, 'workPlanFiledAt' | 'workSummaryFiledAt'> = {
  plan: 'workPlanFiledAt',
  summary: 'workSummaryFiledAt',
};

/** How the filing units stood against a phase deadline at an instant: on time, late, missing past due, not yet due. */
function compliance(campaign: Campaign, deadline: string | undefined, phase: Phase, at: number) {
  const counts = { onTime: 0, late: 0, missing: 0, pending: 0 };
  for (const unit of campaign.units) {
    const filedAt = unit[FILED_AT[phase]];
    const filed = filedAt !== null && Date.parse(filedAt) <= at;
    const due = deadline !== undefined && Date.parse(deadline) < at;
    if (filed) counts[deadline && Date.parse(filedAt!) > Date.parse(deadline) ? 'late' : 'onTime']++;
    else counts[due ? 'missing' : 'pending']++;
  }
  return counts;
}

/** The supervisor's overview: counts by status and unit, deadline compliance and the overdue list, as of any instant. */
export function Overview() {
  const { t, locale } = useI18n();
  const [at, setAt] = useState<string | null>(null);
  const asOf = useCampaignAsOf(at);
  const campaign = useCampaign();
  const names = useUnitNames();
  const statusLabel = (status: string) => t(`campaign.status.${status}` as MessageKey) ?? status;
  const statuses = STATUSES.map((key) => ({ key, label: statusLabel(key) }));

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small">
        <Replay at={at} onChange={setAt} />
      </Card>
      <Loaded query={asOf}>
        {asOf.data && (
          <Counts
            asOf={asOf.data}
            statuses={statuses}
            unitName={(id) => names.data?.get(id) ?? id}
            fetching={asOf.isFetching}
          />
        )}
      </Loaded>
      <Card title={t('campaign.compliance')}>
        <Loaded query={campaign}>
          {campaign.data && asOf.data && (
            <Row gutter={16}>
              {(['plan', 'summary'] as const).map((phase) => {
                const deadline = asOf.data.deadlines[phase];
                const c = compliance(campaign.data, deadline, phase, Date.parse(asOf.data.at));
                const title = t(`campaign.phase.${phase}`);
                return (
                  <Col xs={24} md={12} key={phase}>
                    <Card type="inner" size="small" title={`${title} · ${dateTime(deadline, locale)}`}>
                      <CompliancePie
                        label={fill(t('campaign.complianceAlt'), { phase: title, ...c })}
                        parts={[
                          { label: t('campaign.onTime'), value: c.onTime },
                          { label: t('campaign.late'), value: c.late },
                          { label: t('campaign.missing'), value: c.missing },
                          { label: t('campaign.notYetDue'), value: c.pending },
                        ]}
                      />
                    </Card>
                  </Col>
                );
              })}
            </Row>
          )}
        </Loaded>
      </Card>
      {asOf.data && (
        <Card title={`${t('campaign.overdue')} (${asOf.data.overdue.length})`}>
          <Table
            data-testid="overdue"
            size="small"
            rowKey={(item) => `${item.kind} ${item.subjectId} ${item.dueAt}`}
            dataSource={asOf.data.overdue}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            scroll={{ x: true }}
            locale={{ emptyText: emptyText(t('campaign.noOverdue')) }}
            columns={[
              {
                title: t('campaign.kind'),
                dataIndex: 'kind',
                render: (kind: string) => <Tag>{t(`campaign.kind.${kind}` as MessageKey) ?? kind}</Tag>,
              },
              {
                title: t('campaign.subject'),
                dataIndex: 'title',
                render: (title: string, item) =>
                  item.kind === 'task' || item.kind === 'abolition' ? (
                    <Link to={`/console/campaign/offices/${item.subjectId}`}>{title}</Link>
                  ) : (
                    title
                  ),
              },
              {
                title: t('campaign.unit'),
                dataIndex: 'unitId',
                render: (id: string) => names.data?.get(id) ?? id,
              },
              { title: t('due'), dataIndex: 'dueAt', render: (iso: string) => dateTime(iso, locale) },
              {
                title: t('campaign.overdueFor'),
                dataIndex: 'dueAt',
                key: 'for',
                render: (iso: string) =>
                  fill(t('campaign.daysHours'), elapsed(iso, Date.parse(asOf.data.at))),
              },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}

function Counts({
  asOf,
  statuses,
  unitName,
  fetching,
}: {
  asOf: CampaignAsOf;
  statuses: { key: string; label: string }[];
  unitName(id: string): string;
  fetching: boolean;
}) {
  const { t } = useI18n();
  const units = Object.keys(asOf.byUnit)
    .sort()
    .map((key) => ({ key, label: unitName(key) }));
  return (
    <Row gutter={[16, 16]} aria-busy={fetching}>
      <Col xs={24} lg={8}>
        <Card>
          <Statistic title={t('campaign.offices')} value={asOf.offices} />
          <Statistic title={t('campaign.overdue')} value={asOf.overdue.length} />
          <Descriptions size="small" column={1} data-testid="status-counts" style={{ marginTop: 16 }}>
            {statuses.map((status) => (
              <Descriptions.Item key={status.key} label={status.label}>
                <span data-status={status.key}>{asOf.byStatus[status.key] ?? 0}</span>
              </Descriptions.Item>
            ))}
          </Descriptions>
        </Card>
      </Col>
      <Col xs={24} lg={16}>
        <Card title={t('campaign.byStatus')} size="small">
          <StatusChart counts={asOf.byStatus} statuses={statuses} label={t('campaign.byStatus')} />
        </Card>
        <Card title={t('campaign.byUnit')} size="small" style={{ marginTop: 16 }}>
          {units.length === 0 ? (
            <span>{t('campaign.empty')}</span>
          ) : (
            <UnitChart byUnit={asOf.byUnit} units={units} statuses={statuses} label={t('campaign.byUnit')} />
          )}
        </Card>
      </Col>
    </Row>
  );
}
