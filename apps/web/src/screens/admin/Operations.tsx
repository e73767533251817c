import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Row, Space } from 'antd';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { Chain } from '../campaign/Chain';
import { Loaded } from '../campaign/States';
import { dateTime, fill } from '../campaign/time';

/** The queue board, anchoring the log, and the read models' state (a rebuild running, how far behind they are). */
export function Operations() {
  const { t, locale } = useI18n();
  const health = useQuery({
    queryKey: ['health'],
    queryFn: async () => unwrap(await api.GET('/health')),
  });
  // The board is a page of its own: a cookie for its path first, then it opens beside the console.
  const board = useMutation({
    mutationFn: async () => unwrap(await api.POST('/auth/queue-board-session')),
    onSuccess: () => window.open('/admin/queues', '_blank', 'noopener'),
  });
  const anchor = useMutation({ mutationFn: async () => unwrap(await api.POST('/audit/anchors')) });
  const readModels = health.data?.readModels;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card title={t('admin.queueBoard')}>
          <Space direction="vertical">
            <span>{t('admin.queueBoardHint')}</span>
            <Button onClick={() => board.mutate()} loading={board.isPending} data-testid="queue-board">
              {t('admin.openQueueBoard')}
            </Button>
            {board.isError && <Alert type="error" showIcon title={board.error.message} />}
          </Space>
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={t('admin.readModels')}>
          <Loaded query={health}>
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('status')}>{readModels?.status}</Descriptions.Item>
              <Descriptions.Item label={t('admin.rebuild')}>
                {readModels?.rebuilding
                  ? fill(t('admin.rebuilding'), {
                      since: dateTime(readModels.rebuilding.since, locale),
                      by: readModels.rebuilding.by ?? '–',
                    })
                  : t('admin.notRebuilding')}
              </Descriptions.Item>
              <Descriptions.Item label={t('admin.checkpoint')}>
                {readModels?.checkpoint ?? '–'}
              </Descriptions.Item>
              <Descriptions.Item label={t('admin.upToDate')}>
                {readModels?.upToDate
                  ? t('admin.yes')
                  : readModels?.lag
                    ? fill(t('admin.behind'), {
                        events: readModels.lag.eventsBehind ?? 0,
                        seconds: Math.round(readModels.lag.seconds ?? 0),
                      })
                    : t('admin.no')}
              </Descriptions.Item>
            </Descriptions>
          </Loaded>
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={t('admin.anchors')}>
          <Space direction="vertical" style={{ width: '100%' }}>
            <span>{t('admin.anchorHint')}</span>
            <Button
              type="primary"
              onClick={() => anchor.mutate()}
              loading={anchor.isPending}
              data-testid="anchor"
            >
              {t('admin.anchorNow')}
            </Button>
            {anchor.isError && <Alert type="error" showIcon title={anchor.error.message} />}
            {anchor.data && (
              <Alert
                type={anchor.data.anchor ? 'success' : 'warning'}
                showIcon
                title={anchor.data.anchor ? t('admin.anchored') : t('admin.notAnchored')}
                description={
                  anchor.data.anchor && (
                    <code style={{ wordBreak: 'break-all' }}>{anchor.data.anchor.anchorHash}</code>
                  )
                }
              />
            )}
          </Space>
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Chain />
      </Col>
    </Row>
  );
}
