import { Button, Card, Descriptions, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { Profile } from '../../api/client';
import { useI18n } from '../../i18n';
import { LoadError } from './common';
import { FilingDialog, type FilingKind } from './FilingDialog';
import { formatDateTime, formatDeadline } from './format';
import { useCampaign, useFilings } from './queries';

/** The unit's work plan and work summary (七) with their deadlines, and the forms to file them. */
export function Filings({ me }: { me: Profile }) {
  const { t, locale } = useI18n();
  const unitId = me.unitId ?? '';
  const campaign = useCampaign();
  const filings = useFilings(unitId);
  const [filing, setFiling] = useState<FilingKind | undefined>();
  const failed = campaign.error ?? filings.error;
  const rows: { kind: FilingKind; label: string; due?: string; filedAt?: string }[] = [
    {
      kind: 'work-plan',
      label: t('desk.workPlan'),
      due: campaign.data?.deadlines.plan,
      filedAt: filings.data?.workPlan?.filedAt,
    },
    {
      kind: 'work-summary',
      label: t('desk.workSummary'),
      due: campaign.data?.deadlines.summary,
      filedAt: filings.data?.workSummary?.filedAt,
    },
  ];
  return (
    <Card title={t('desk.filings')} data-testid="desk-filings">
      {failed ? (
        <LoadError
          error={failed}
          onRetry={() => {
            void campaign.refetch();
            void filings.refetch();
          }}
        />
      ) : campaign.isPending || filings.isPending ? (
        <Skeleton active />
      ) : (
        <>
          {campaign.data === null && (
            <Typography.Paragraph type="secondary">{t('desk.noCampaign')}</Typography.Paragraph>
          )}
          {rows.map((row) => (
            <Descriptions
              key={row.kind}
              title={row.label}
              size="small"
              column={1}
              style={{ marginBottom: 16 }}
              extra={
                <Button
                  size="small"
                  onClick={() => setFiling(row.kind)}
                  disabled={row.kind === 'work-summary' && !filings.data?.workPlan}
                >
                  {row.kind === 'work-plan' ? t('desk.fileWorkPlan') : t('desk.fileWorkSummary')}
                </Button>
              }
              items={[
                {
                  key: 'due',
                  label: t('desk.deadline'),
                  children: row.due ? formatDeadline(row.due, locale, t('desk.endOfDay')) : '—',
                },
                {
                  key: 'filed',
                  label: t('desk.filedAt'),
                  children: (
                    <Space wrap>
                      {row.filedAt ? (
                        <span data-testid={`filed-${row.kind}`}>{formatDateTime(row.filedAt, locale)}</span>
                      ) : (
                        <Tag>{t('desk.notFiled')}</Tag>
                      )}
                      {row.due &&
                        Date.parse(row.filedAt ?? new Date().toISOString()) > Date.parse(row.due) && (
                          <Tag color="error">{t('desk.overdue')}</Tag>
                        )}
                    </Space>
                  ),
                },
              ]}
            />
          ))}
          <Typography.Text type="secondary">{t('desk.timezone')}</Typography.Text>
        </>
      )}
      <FilingDialog
        unitId={unitId}
        kind={filing}
        current={filings.data}
        onClose={() => setFiling(undefined)}
      />
    </Card>
  );
}
