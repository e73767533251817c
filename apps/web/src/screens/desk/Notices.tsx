import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/en';
import { LoadError, Refusal } from './common';
import { formatDeadline } from './format';
import { DESK_KEYS, useNotices, type Notice } from './queries';

// The kinds the desk words itself in both languages; another kind shows the API's own message.
const STEPS = new Set(['reminder', 'escalation', 'leading-group']);
const KINDS = new Set(['work-plan', 'work-summary', 'abolition', 'task']);

/** Reminders and escalations addressed to the unit's clerks, newest first, with the number not yet read. */
export function Notices() {
  const { t, locale } = useI18n();
  const queries = useQueryClient();
  const notices = useNotices();
  const read = useMutation({
    mutationFn: async (noticeId: string) =>
      unwrap(await api.POST('/notices/{noticeId}/read', { params: { path: { noticeId } } })),
    onSuccess: () => queries.invalidateQueries({ queryKey: DESK_KEYS.notices }),
  });
  const unread = notices.data?.unread ?? 0;
  return (
    <Card
      data-testid="desk-notices"
      title={
        <Space>
          {t('desk.notices')}
          {notices.data && (
            <Badge
              data-testid="desk-unread"
              data-unread={unread}
              count={unread}
              showZero
              color={unread > 0 ? '#cf1322' : '#595959'}
              title={`${unread} ${t('desk.unread')}`}
            />
          )}
        </Space>
      }
    >
      <Refusal error={read.error} />
      {notices.isError ? (
        <LoadError error={notices.error} onRetry={() => void notices.refetch()} />
      ) : (
        <List<Notice>
          loading={notices.isPending}
          dataSource={notices.data?.items}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('desk.noNotices')} />,
          }}
          renderItem={(notice) => (
            <List.Item
              key={notice.noticeId}
              actions={[
                notice.readAt ? (
                  <Typography.Text type="secondary" key="read">
                    {t('desk.read')}
                  </Typography.Text>
                ) : (
                  <Button
                    key="read"
                    size="small"
                    loading={read.isPending && read.variables === notice.noticeId}
                    onClick={() => read.mutate(notice.noticeId)}
                  >
                    {t('desk.markRead')}
                  </Button>
                ),
              ]}
            >
              <List.Item.Meta
                title={
                  <Space wrap size={4}>
                    <Tag color={notice.step === 'reminder' ? 'warning' : 'error'}>
                      {STEPS.has(notice.step) ? t(`desk.step.${notice.step}` as MessageKey) : notice.step}
                    </Tag>
                    <Typography.Text strong={!notice.readAt}>{notice.title}</Typography.Text>
                  </Space>
                }
                description={
                  <>
                    <div>
                      {KINDS.has(notice.kind)
                        ? t(`desk.noticeKind.${notice.kind}` as MessageKey)
                        : notice.message}
                    </div>
                    <Typography.Text type="secondary">
                      {t('desk.dueAt')} {formatDeadline(notice.dueAt, locale, t('desk.endOfDay'))}
                    </Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
