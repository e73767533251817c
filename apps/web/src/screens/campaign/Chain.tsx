import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Space } from 'antd';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { dateTime, fill } from './time';

/** The hash chain: walk every stream and anchor on demand, and show whether the record is intact. */
export function Chain() {
  const { t, locale } = useI18n();
  const verify = useMutation({
    mutationFn: async () => unwrap(await api.GET('/audit/verify')),
  });
  const report = verify.data;
  return (
    <Card title={t('campaign.chain')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Button
          type="primary"
          onClick={() => verify.mutate()}
          loading={verify.isPending}
          data-testid="verify"
        >
          {t('campaign.verify')}
        </Button>
        {verify.isError && (
          <Alert type="error" showIcon title={t('loadFailed')} description={verify.error.message} />
        )}
        {!report && !verify.isPending && !verify.isError && <span>{t('campaign.verifyHint')}</span>}
        {report && (
          <>
            <Alert
              data-testid="chain-state"
              type={report.intact ? 'success' : 'error'}
              showIcon
              title={report.intact ? t('campaign.intact') : t('campaign.broken')}
              description={
                report.firstBroken
                  ? fill(t('campaign.brokenAt'), {
                      stream: report.firstBroken.streamId,
                      revision: report.firstBroken.revision,
                      problem: report.firstBroken.problem,
                    })
                  : fill(t('campaign.verified'), { events: report.events, streams: report.streams })
              }
            />
            <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
              <Descriptions.Item label={t('campaign.events')}>{report.events}</Descriptions.Item>
              <Descriptions.Item label={t('campaign.streams')}>{report.streams}</Descriptions.Item>
              <Descriptions.Item label={t('campaign.anchors')}>{report.anchors}</Descriptions.Item>
              <Descriptions.Item label={t('campaign.head')}>{report.head ?? '–'}</Descriptions.Item>
              <Descriptions.Item label={t('campaign.lastAnchor')}>
                {report.lastAnchor
                  ? `${dateTime(report.lastAnchor.anchoredAt, locale)} · ${report.lastAnchor.upTo}`
                  : t('campaign.noAnchor')}
              </Descriptions.Item>
              <Descriptions.Item label={t('campaign.anchorHash')}>
                <code style={{ wordBreak: 'break-all' }}>{report.lastAnchor?.anchorHash ?? '–'}</code>
              </Descriptions.Item>
            </Descriptions>
          </>
        )}
      </Space>
    </Card>
  );
}
