import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, RequestFailed, unwrap, type Profile, type Task } from '../api/client';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/en';
import { useDateFormat } from '../ui/datetime';
import { DueBadge, fill } from './due';
import { eventLabel, isDecision } from './task/events';
import { TaskActions } from './task/TaskActions';
import { TaskHistory } from './task/TaskHistory';

/**
 * The selected task in one panel: the office, the rule with the plan's own words and an English gloss, the
 * justification and functions, the deadline and its reminders, every earlier decision and the timeline, and the
 * actions. The task is read again as the stream reports changes, so a decision made elsewhere shows at once.
 */
export default function TaskDetail({
  task: listed,
  me,
  onDone,
}: {
  task: Task;
  me: Profile;
  onDone(): void;
}) {
  const { t } = useI18n();
  const format = useDateFormat();
  const [revision] = listed.taskId.split('/').slice(1);
  const [failure, setFailure] = useState<Error | null>(null);
  const current = useQuery({
    queryKey: ['task', listed.taskId],
    queryFn: async () =>
      unwrap(
        await api.GET('/tasks/{officeId}/{revision}', {
          params: { path: { officeId: listed.officeId, revision: revision! } },
        }),
      ),
  });
  const office = useQuery({
    queryKey: ['office', listed.officeId],
    queryFn: async () =>
      unwrap(await api.GET('/offices/{officeId}', { params: { path: { officeId: listed.officeId } } })),
  });
  const history = useQuery({
    queryKey: ['history', listed.officeId],
    queryFn: async () =>
      unwrap(
        await api.GET('/offices/{officeId}/history', {
          params: { path: { officeId: listed.officeId }, query: { limit: 200 } },
        }),
      ),
  });
  const task = current.data ?? listed;
  // Someone else acted first (409), or the task closed while open here: who decided, and when.
  const lostRace = failure instanceof RequestFailed && failure.status === 409;
  const lastDecision = history.data?.items.filter(isDecision).at(-1);
  const decidedElsewhere =
    (lostRace || task.status !== 'open') && lastDecision
      ? fill(t('decidedBy'), {
          who: lastDecision.actor,
          what: eventLabel(lastDecision.type, t),
          when: format.dateTime(lastDecision.occurredAt),
        })
      : undefined;
  return (
    <Card
      title={<span lang="zh-CN">{task.officeName}</span>}
      extra={<DueBadge task={task} />}
      data-testid="task-detail"
    >
      {lostRace && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          data-testid="lost-race"
          title={t('lostRace')}
          description={decidedElsewhere ?? failure.message}
          style={{ marginBottom: 16 }}
        />
      )}
      {!lostRace && task.status !== 'open' && (
        <Alert
          type="info"
          showIcon
          title={t('taskClosed')}
          description={decidedElsewhere}
          style={{ marginBottom: 16 }}
        />
      )}
      {failure && !lostRace && (
        <Alert
          type="error"
          showIcon
          closable
          title={failure.message}
          onClose={() => setFailure(null)}
          style={{ marginBottom: 16 }}
        />
      )}
      <TaskActions task={task} me={me} onDecided={onDone} onError={setFailure} />
      {office.isPending ? (
        <Skeleton active />
      ) : office.isError ? (
        <Alert type="error" showIcon title={t('loadFailed')} description={office.error.message} />
      ) : (
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t('sponsor')}>{office.data.sponsor.name}</Descriptions.Item>
          <Descriptions.Item label={t('hostCity')}>{office.data.hostCity.name}</Descriptions.Item>
          <Descriptions.Item label={t('status')}>
            <Tag>{t(`officeStatus.${office.data.status}` as MessageKey)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('rule')}>
            <Tag color="purple">{office.data.disposition.ruleId}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('planText')}>
            <Typography.Paragraph lang="zh-CN" style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
              {office.data.disposition.ruleText}
            </Typography.Paragraph>
          </Descriptions.Item>
          <Descriptions.Item label={t('gloss')}>
            <Typography.Paragraph lang="en" style={{ margin: 0 }}>
              {office.data.disposition.summary}
            </Typography.Paragraph>
          </Descriptions.Item>
          {office.data.retentionRequest && (
            <>
              <Descriptions.Item label={t('justification')}>
                {office.data.retentionRequest.justification}
              </Descriptions.Item>
              <Descriptions.Item label={t('functions')}>
                {office.data.retentionRequest.functions.map((fn) => (
                  <Tag key={fn}>{t(`function.${fn}`)}</Tag>
                ))}
              </Descriptions.Item>
            </>
          )}
          <Descriptions.Item label={t('deadline')}>
            {task.dueAt ? format.dateTime(task.dueAt) : t('noDue')}
          </Descriptions.Item>
          {current.data?.reminders && (
            <Descriptions.Item label={t('reminders')}>
              <ul data-testid="reminders" style={{ margin: 0, paddingInlineStart: 20 }}>
                {current.data.reminders.map((reminder) => (
                  <li key={reminder.step}>
                    {t(`reminder.${reminder.step}` as MessageKey)} · {format.dateTime(reminder.at)}
                    {reminder.passed ? ` (${t('reminderPassed')})` : ''}
                  </li>
                ))}
              </ul>
            </Descriptions.Item>
          )}
        </Descriptions>
      )}
      <TaskHistory history={history} />
    </Card>
  );
}
