import { Button, Collapse, Empty, List, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useRegulationI18n } from './text';
import type { RegulationKey } from './text';
import { useDateFormat } from '../../../ui/datetime';
import type { Records } from './data';

/** Every record kept under 四, 五, 六, a group each, newest last as the stream has them. */
export function RecordsList({
  records,
  onResolve,
}: {
  records: Records;
  onResolve(complaintId: string): void;
}) {
  const { t } = useRegulationI18n();
  const format = useDateFormat();
  const word = (key: string) => t(key as RegulationKey);
  const groups: { key: string; label: RegulationKey; lines: ReactNode[][] }[] = [
    {
      key: 'functions',
      label: 'desk.reg.rec.functions',
      lines: records.functions.map((r) => [
        r.occurredOn,
        word(`desk.function.${r.function}`),
        r.activity,
        `${t('desk.reg.evidence')}: ${r.evidence}`,
      ]),
    },
    {
      key: 'decoupling',
      label: 'desk.reg.rec.decoupling',
      lines: records.decoupling
        ? [
            [
              records.decoupling.decoupledOn,
              records.decoupling.entities.join('、'),
              records.decoupling.evidence,
            ],
          ]
        : [],
    },
    {
      key: 'receptions',
      label: 'desk.reg.rec.receptions',
      lines: records.receptions.map((r) => [
        r.receivedOn,
        r.guestUnit,
        `${t('desk.reg.letterReference')}: ${r.letterReference}`,
        `${t('desk.reg.list')}: ${r.list}`,
        `${r.cost} ¥`,
      ]),
    },
    {
      key: 'disclosures',
      label: 'desk.reg.rec.disclosures',
      lines: records.disclosures.map((r) => [
        String(r.year),
        `${t('desk.reg.budget')} ${r.budget}`,
        `${t('desk.reg.spending')} ${r.spending}`,
        r.venues,
        `${t('desk.reg.publication')}: ${r.publication}`,
      ]),
    },
    {
      key: 'rotations',
      label: 'desk.reg.rec.rotations',
      lines: records.rotations.map((r) => [
        r.rotatedOn,
        r.cadre,
        word(`desk.reg.direction.${r.direction}`),
        r.evidence,
      ]),
    },
    {
      key: 'appraisals',
      label: 'desk.reg.rec.appraisals',
      lines: records.appraisals.map((r) => [
        String(r.year),
        word(`desk.reg.grade.${r.grade}`),
        r.summary,
        `${r.hostDepartment}: ${r.hostOpinion}`,
      ]),
    },
    {
      key: 'supervisions',
      label: 'desk.reg.rec.supervisions',
      lines: records.supervisions.map((r) => [
        r.conductedOn,
        word(`desk.reg.kind.${r.kind}`),
        r.conductedBy,
        r.findings,
        r.evidence,
      ]),
    },
    {
      key: 'complaints',
      label: 'desk.reg.rec.complaints',
      lines: records.complaints.map((r) => [
        format.date(r.receivedAt),
        `${r.complaintId} · ${word(`desk.reg.channel.${r.channel}`)}`,
        r.summary,
        r.resolution ? (
          `${t('desk.reg.result')}: ${r.resolution.result} (${r.resolution.publication})`
        ) : (
          <Button key="resolve" size="small" onClick={() => onResolve(r.complaintId)}>
            {t('desk.reg.action.complaint-result')}
          </Button>
        ),
      ]),
    },
  ];
  return (
    <Collapse
      data-testid="regulation-records"
      defaultActiveKey={groups.filter((g) => g.lines.length > 0).map((g) => g.key)}
      items={groups.map((group) => ({
        key: group.key,
        label: (
          <span>
            {t(group.label)} <Tag>{group.lines.length}</Tag>
          </span>
        ),
        children: group.lines.length ? (
          <List
            size="small"
            dataSource={group.lines}
            renderItem={(parts) => (
              <List.Item>
                <Line parts={parts} />
              </List.Item>
            )}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('desk.reg.noRecords')} />
        ),
      }))}
    />
  );
}

function Line({ parts }: { parts: ReactNode[] }) {
  return (
    <Typography.Text>
      {parts.map((part, index) => (
        <span key={index}>
          {index > 0 && ' · '}
          {part}
        </span>
      ))}
    </Typography.Text>
  );
}
