import type { UseQueryResult } from '@tanstack/react-query';
import { Alert, Empty, Skeleton, Tag, Timeline, Typography } from 'antd';
import type { Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { useDateFormat } from '../../ui/datetime';
import { eventLabel, isDecision } from './events';

type History = Schemas['OfficeHistoryDto'];

/** Every earlier tier's decision with its comment, then the office's whole timeline, in China Standard Time. */
export function TaskHistory({ history }: { history: UseQueryResult<History, Error> }) {
  const { t } = useI18n();
  const format = useDateFormat();
  if (history.isError)
    return <Alert type="error" showIcon title={t('loadFailed')} description={history.error.message} />;
  if (history.isPending) return <Skeleton active />;
  const decisions = history.data.items.filter(isDecision);
  return (
    <>
      <Typography.Title level={3} style={{ fontSize: 15, marginTop: 16 }}>
        {t('decisions')}
      </Typography.Title>
      {decisions.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noDecisions')} />
      ) : (
        <ul data-testid="decisions" style={{ paddingInlineStart: 20 }}>
          {decisions.map((entry) => (
            <li key={entry.eventId}>
              {entry.tier && <Tag>{t(`tier.${entry.tier}`)}</Tag>}
              {eventLabel(entry.type, t)} · {entry.actor} ·{' '}
              <Typography.Text type="secondary">{format.dateTime(entry.occurredAt)}</Typography.Text>
              {entry.comment && (
                <Typography.Paragraph style={{ margin: '4px 0 8px' }}>“{entry.comment}”</Typography.Paragraph>
              )}
            </li>
          ))}
        </ul>
      )}
      <Typography.Title level={3} style={{ fontSize: 15, marginTop: 16 }}>
        {t('timeline')}
      </Typography.Title>
      <Timeline
        items={history.data.items.map((entry) => ({
          key: entry.eventId,
          content: (
            <span>
              <Typography.Text type="secondary">{format.dateTime(entry.occurredAt)}</Typography.Text>{' '}
              {eventLabel(entry.type, t)} · {entry.actor}
              {entry.comment ? ` — ${entry.comment}` : ''}
            </span>
          ),
        }))}
      />
    </>
  );
}
