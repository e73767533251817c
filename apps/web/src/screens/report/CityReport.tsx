import { Alert, Button, Card, DatePicker, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { RequestFailed } from '../../api/client';
import { useReportI18n } from './text';
import { emptyText, Loaded } from '../campaign/States';
import { dateTime, pickerValue } from '../campaign/time';
import { CommentModal } from './CommentModal';
import { exportHref, useCityReport, useReportActions, type CityReport as Report } from './data';

type Unit = Report['units'][number];
const STATUS_COLOR: Record<string, string> = { met: 'green', overdue: 'red', pending: 'blue' };

/**
 * A city's report as of a chosen instant (七(三)): the units' filings and inspections, the steps, what is
 * overdue; the downloads; and, for the city's supervisors, the inspection, the review and the submission.
 */
export function CityReport({ cityId, canAct }: { cityId: string; canAct: boolean }) {
  const { t, locale } = useReportI18n();
  const [at, setAt] = useState<string | null>(null);
  const report = useCityReport(cityId, at);
  const actions = useReportActions(cityId);
  const [returning, setReturning] = useState<{ unitId?: string } | null>(null);
  const label = (key: string) => t(key);
  const failure = [actions.inspect, actions.review, actions.submit].find((m) => m.isError)?.error;

  const units = report.data?.units.filter((unit) => unit.workSummary) ?? [];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap>
          <label htmlFor="report-at">{t('report.asOf')}</label>
          <DatePicker
            id="report-at"
            showTime
            allowClear
            format="YYYY-MM-DD HH:mm:ss"
            placeholder={t('campaign.now')}
            value={at ? pickerValue(at) : null}
            onChange={(value) => setAt(value ? value.toISOString() : null)}
          />
          <Button href={exportHref(cityId, 'report.xlsx', at)} download>
            {t('report.excel')}
          </Button>
          <Button href={exportHref(cityId, 'report.pdf', at)} download>
            {t('report.pdf')}
          </Button>
          <Button href={exportHref(cityId, 'circulation.pdf', at)} download>
            {t('report.circulationPdf')}
          </Button>
        </Space>
      </Card>
      {failure && (
        <Alert
          type="error"
          showIcon
          message={failure instanceof RequestFailed ? failure.message : String(failure)}
        />
      )}
      <Loaded query={report}>
        {report.data && (
          <>
            <Typography.Title level={2} style={{ fontSize: 18 }} data-testid="report-title">
              {report.data.cityName} · {dateTime(report.data.at, locale)}
            </Typography.Title>
            <Card title={t('report.steps')} size="small">
              <Table
                rowKey="step"
                size="small"
                pagination={false}
                dataSource={report.data.steps}
                columns={[
                  {
                    title: t('report.step'),
                    dataIndex: 'step',
                    render: (s: string) => label(`report.step.${s}`),
                  },
                  {
                    title: t('report.dueAt'),
                    dataIndex: 'dueAt',
                    render: (d: string | null) => dateTime(d, locale),
                  },
                  {
                    title: t('report.status'),
                    dataIndex: 'status',
                    render: (s: string) => (
                      <Tag color={STATUS_COLOR[s]}>{label(`report.stepStatus.${s}`)}</Tag>
                    ),
                  },
                ]}
              />
              <Descriptions size="small" column={1} style={{ marginTop: 8 }}>
                <Descriptions.Item label={t('report.review')}>
                  {report.data.review
                    ? `${label(`report.decision.${report.data.review.decision}`)} ${report.data.review.comment} (${dateTime(report.data.review.reviewedAt, locale)})`
                    : '–'}
                </Descriptions.Item>
                <Descriptions.Item label={t('report.submission')}>
                  {dateTime(report.data.submission?.submittedAt, locale)}
                </Descriptions.Item>
              </Descriptions>
              {canAct && !report.data.submission && (
                <Space style={{ marginTop: 8 }}>
                  <Button
                    type="primary"
                    loading={actions.review.isPending}
                    onClick={() => actions.review.mutate({ decision: 'approved' })}
                  >
                    {t('report.approve')}
                  </Button>
                  <Button onClick={() => setReturning({})}>{t('report.returnReport')}</Button>
                  <Button
                    disabled={report.data.review?.decision !== 'approved'}
                    loading={actions.submit.isPending}
                    onClick={() => actions.submit.mutate()}
                  >
                    {t('report.submit')}
                  </Button>
                </Space>
              )}
            </Card>
            <Card title={t('report.inspections')} size="small">
              <Table<Unit>
                rowKey="unitId"
                size="small"
                pagination={false}
                dataSource={units}
                locale={{ emptyText: emptyText(t('campaign.empty')) }}
                columns={[
                  { title: t('report.unit'), dataIndex: 'name' },
                  {
                    title: t('report.summaryFiled'),
                    render: (_, unit) =>
                      `${label(`report.filing.${unit.workSummary!.status}`)} ${dateTime(unit.workSummary!.lastFiledAt, locale)}`,
                  },
                  {
                    title: t('report.inspection'),
                    render: (_, unit) => (
                      <span>
                        {label(`report.inspection.${unit.inspection?.status ?? 'not-filed'}`)}
                        {unit.inspection?.comment ? `:${unit.inspection.comment}` : ''}
                      </span>
                    ),
                  },
                  {
                    title: t('report.inspectionDue'),
                    render: (_, unit) => dateTime(unit.inspection?.dueAt, locale),
                  },
                  ...(canAct
                    ? [
                        {
                          title: t('report.actions'),
                          render: (_: unknown, unit: Unit) =>
                            unit.inspection?.status === 'awaiting-inspection' && !report.data?.submission ? (
                              <Space>
                                <Button
                                  size="small"
                                  onClick={() =>
                                    actions.inspect.mutate({ unitId: unit.unitId, verdict: 'accepted' })
                                  }
                                >
                                  {t('report.accept')}
                                </Button>
                                <Button size="small" onClick={() => setReturning({ unitId: unit.unitId })}>
                                  {t('report.return')}
                                </Button>
                              </Space>
                            ) : null,
                        },
                      ]
                    : []),
                ]}
              />
            </Card>
            <Card title={t('report.overdue')} size="small">
              <Table
                rowKey={(item) => `${item.kind}.${item.subjectId}`}
                size="small"
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                dataSource={report.data.overdue}
                locale={{ emptyText: emptyText(t('campaign.empty')) }}
                columns={[
                  { title: t('report.item'), dataIndex: 'title' },
                  {
                    title: t('report.kind'),
                    dataIndex: 'kind',
                    render: (k: string) => label(`report.kind.${k}`),
                  },
                  {
                    title: t('report.dueAt'),
                    dataIndex: 'dueAt',
                    render: (d: string) => dateTime(d, locale),
                  },
                ]}
              />
            </Card>
          </>
        )}
      </Loaded>
      <CommentModal
        open={returning !== null}
        title={returning?.unitId ? t('report.returnSummary') : t('report.returnReport')}
        pending={actions.inspect.isPending || actions.review.isPending}
        onCancel={() => setReturning(null)}
        onOk={(comment) => {
          const target = returning;
          setReturning(null);
          if (target?.unitId) actions.inspect.mutate({ unitId: target.unitId, verdict: 'returned', comment });
          else actions.review.mutate({ decision: 'returned', comment });
        }}
      />
    </Space>
  );
}
