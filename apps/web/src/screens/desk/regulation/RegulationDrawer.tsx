import { Alert, Button, Drawer, Dropdown, Empty, Skeleton, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useRegulationI18n } from './text';
import type { RegulationKey } from './text';
import { useDateFormat } from '../../../ui/datetime';
import { LoadError } from '../common';
import { records, useRegulation, type Obligation, type Regulation } from './data';
import { DecouplingDialog, DisclosureDialog, FunctionDialog, ReceptionDialog } from './DutyDialogs';
import {
  AppraisalDialog,
  ComplaintDialog,
  ComplaintResultDialog,
  RotationDialog,
  SupervisionDialog,
} from './ManagementDialogs';
import { RecordsList } from './RecordsList';

const ACTIONS = [
  'function',
  'decoupling',
  'reception',
  'disclosure',
  'rotation',
  'appraisal',
  'supervision',
  'complaint',
] as const;
type Action = (typeof ACTIONS)[number];

// Only colours whose text keeps 4.5:1 on their tint (as the desk's status tags).
const DUTY_COLOR: Record<string, string> = {
  met: 'success',
  'met-late': 'warning',
  pending: 'blue',
  overdue: 'error',
};

/** A retained office's regulation (四, 五, 六), beside its page: dated duties, lapses, records, and the record dialogs. */
export default function RegulationDrawer(props: { officeId: string; name: string; onClose(): void }) {
  const { t } = useRegulationI18n();
  return (
    <Drawer open title={`${t('desk.reg.title')} · ${props.name}`} size="large" onClose={props.onClose}>
      <RegulationPanel officeId={props.officeId} />
    </Drawer>
  );
}

function RegulationPanel({ officeId }: { officeId: string }) {
  const regulation = useRegulation(officeId);
  if (regulation.isPending) return <Skeleton active />;
  if (regulation.isError)
    return <LoadError error={regulation.error} onRetry={() => void regulation.refetch()} />;
  return <PanelView regulation={regulation.data} />;
}

function PanelView({ regulation }: { regulation: Regulation }) {
  const { t } = useRegulationI18n();
  const format = useDateFormat();
  const [action, setAction] = useState<Action | undefined>();
  const [complaintId, setComplaintId] = useState<string | undefined>();
  const close = () => setAction(undefined);
  const officeId = regulation.officeId;
  const dialog = (which: Action) => ({ officeId, open: action === which, onClose: close });
  return (
    <div data-testid="regulation-panel">
      <Space style={{ marginBottom: 16 }} wrap>
        <Typography.Text type="secondary">
          {t('desk.reg.retainedAt')} {format.dateTime(regulation.retainedAt)}
        </Typography.Text>
        <Dropdown
          menu={{
            items: ACTIONS.map((key) => ({ key, label: t(`desk.reg.action.${key}`) })),
            onClick: ({ key }) => setAction(key as Action),
          }}
        >
          <Button type="primary">{t('desk.reg.record')}</Button>
        </Dropdown>
      </Space>
      <Tabs
        items={[
          {
            key: 'duties',
            label: t('desk.reg.duties'),
            children: <Duties obligations={regulation.obligations} />,
          },
          {
            key: 'lapses',
            label: `${t('desk.reg.lapses')} (${regulation.lapses.length})`,
            children: regulation.lapses.length ? (
              <Duties obligations={regulation.lapses} />
            ) : (
              <Alert type="success" showIcon title={t('desk.reg.noLapses')} />
            ),
          },
          {
            key: 'records',
            label: t('desk.reg.records'),
            children: <RecordsList records={records(regulation)} onResolve={setComplaintId} />,
          },
        ]}
      />
      <FunctionDialog {...dialog('function')} />
      <DecouplingDialog {...dialog('decoupling')} />
      <ReceptionDialog {...dialog('reception')} />
      <DisclosureDialog {...dialog('disclosure')} year={dueYear(regulation.obligations)} />
      <RotationDialog {...dialog('rotation')} />
      <AppraisalDialog {...dialog('appraisal')} />
      <SupervisionDialog {...dialog('supervision')} />
      <ComplaintDialog {...dialog('complaint')} />
      <ComplaintResultDialog
        officeId={officeId}
        complaintId={complaintId}
        onClose={() => setComplaintId(undefined)}
      />
    </div>
  );
}

/** The earliest year whose disclosure is still unmet: the one a clerk most likely publishes. */
function dueYear(obligations: Obligation[]): number | undefined {
  const open = obligations.find(
    (o) => o.duty === 'disclosure' && (o.status === 'pending' || o.status === 'overdue'),
  );
  return open?.subject ? Number(open.subject) : undefined;
}

function Duties({ obligations }: { obligations: Obligation[] }) {
  const { t } = useRegulationI18n();
  const format = useDateFormat();
  return (
    <Table<Obligation>
      data-testid="regulation-duties"
      rowKey="deadlineId"
      size="small"
      pagination={false}
      dataSource={obligations}
      locale={{ emptyText: <Empty description={t('desk.reg.noDuties')} /> }}
      columns={[
        { title: t('desk.reg.section'), dataIndex: 'section', render: (s: string) => <Tag>{s}</Tag> },
        {
          title: t('desk.reg.duty'),
          key: 'duty',
          render: (_, o) =>
            `${t(`desk.reg.duty.${o.duty}` as RegulationKey)}${o.subject ? ` · ${o.subject}` : ''}`,
        },
        { title: t('desk.reg.due'), dataIndex: 'dueAt', render: (at: string) => format.dateTime(at) },
        {
          title: t('desk.status'),
          key: 'status',
          render: (_, o) => (
            <Tag color={DUTY_COLOR[o.status]} data-testid={`duty-${o.deadlineId}`}>
              {t(`desk.reg.status.${o.status}` as RegulationKey)}
            </Tag>
          ),
        },
        {
          title: t('desk.reg.metAt'),
          dataIndex: 'metAt',
          render: (at: string | null) => (at ? format.dateTime(at) : '—'),
        },
      ]}
    />
  );
}
