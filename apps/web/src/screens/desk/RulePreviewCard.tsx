import { Alert, Card, Descriptions, Empty, Skeleton, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/en';
import { Refusal } from './common';
import { useRulePreview } from './queries';

/** The rule of section 三 the office will fall under, as the API's rule function answers it, before submitting. */
export function RulePreviewCard(props: {
  sponsorUnitId?: string;
  hostCityId?: string;
  pairedAssistance: boolean;
}) {
  const { t } = useI18n();
  const preview = useRulePreview(props.sponsorUnitId, props.hostCityId, props.pairedAssistance);
  let body;
  if (!props.sponsorUnitId || !props.hostCityId)
    body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('desk.previewHint')} />;
  else if (preview.isPending) body = <Skeleton active />;
  else if (preview.isError) body = <Refusal error={preview.error} />;
  else {
    const rule = preview.data;
    body = (
      <>
        <Alert
          type={rule.outcome === 'abolish' ? 'warning' : 'info'}
          showIcon
          style={{ marginBottom: 16 }}
          title={
            <span>
              <Tag color="purple">{rule.ruleId}</Tag>{' '}
              <span data-testid="rule-outcome">{t(`desk.outcome.${rule.outcome}` as MessageKey)}</span>
            </span>
          }
        />
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t('desk.rule')}>{rule.section}</Descriptions.Item>
          <Descriptions.Item label={t('desk.hostCity')}>
            {t(`desk.previewLocation.${rule.location}` as MessageKey)}
          </Descriptions.Item>
          {rule.retentionStartTier && (
            <Descriptions.Item label={t('desk.requestRetention')}>
              {t('desk.retentionStarts')} {t(`desk.tier.${rule.retentionStartTier}` as MessageKey)}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('desk.planSays')}>
            <Typography.Paragraph style={{ margin: 0 }}>{rule.ruleText}</Typography.Paragraph>
          </Descriptions.Item>
        </Descriptions>
      </>
    );
  }
  return (
    <Card title={t('desk.preview')} data-testid="rule-preview">
      {body}
    </Card>
  );
}
