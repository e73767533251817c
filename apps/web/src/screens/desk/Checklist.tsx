import { Button, Card, Empty, List, Progress, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/en';
import { DisposalDialog, PlacementDialog } from './ChecklistDialogs';
import { formatYuan } from './format';
import type { OfficeDetail } from './queries';

type Asset = OfficeDetail['assets'][number];
type Member = OfficeDetail['staff'][number];

const percent = (done: number, total: number) => (total === 0 ? 100 : Math.round((done / total) * 100));

/** 三(一), 八(三): every asset disposed of and every person placed before the office may close, with progress. */
export function Checklist({ office }: { office: OfficeDetail }) {
  const { t, locale } = useI18n();
  const [asset, setAsset] = useState<Asset | undefined>();
  const [member, setMember] = useState<Member | undefined>();
  const { progress } = office;
  const open = office.status === 'abolished';
  // Before abolition the assets and staff are only listed: there is nothing to dispose of yet.
  const abolition = open || office.status === 'closed';
  return (
    <Card title={abolition ? t('desk.checklist') : t('desk.assetsAndStaff')} data-testid="desk-checklist">
      {abolition && (
        <>
          <Typography.Paragraph type="secondary">{t('desk.checklistHint')}</Typography.Paragraph>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <span data-testid="assets-progress">
              {t('desk.assetsDisposed')} {progress.assetsDisposed}/{progress.assetsTotal}
            </span>
            <Progress
              percent={percent(progress.assetsDisposed, progress.assetsTotal)}
              aria-label={t('desk.assetsDisposed')}
            />
            <span data-testid="staff-progress">
              {t('desk.staffPlaced')} {progress.staffPlaced}/{progress.staffTotal}
            </span>
            <Progress
              percent={percent(progress.staffPlaced, progress.staffTotal)}
              aria-label={t('desk.staffPlaced')}
            />
          </Space>
        </>
      )}
      <List<Asset>
        header={<Typography.Text strong>{t('desk.assets')}</Typography.Text>}
        dataSource={office.assets}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('desk.noAssets')} />,
        }}
        renderItem={(item) => (
          <List.Item
            data-testid={`asset-${item.assetId}`}
            actions={[
              item.disposal ? (
                <Tag color="success" key="state">
                  {t('desk.disposed')}
                </Tag>
              ) : open ? (
                <Button key="state" size="small" onClick={() => setAsset(item)}>
                  {t('desk.dispose')}
                </Button>
              ) : (
                <Tag key="state">{t('desk.pending')}</Tag>
              ),
            ]}
          >
            <List.Item.Meta
              title={`${t(`desk.kind.${item.kind}` as MessageKey)} · ${item.description}`}
              description={
                item.disposal
                  ? `${t(`desk.method.${item.disposal.method}` as MessageKey)} · ${item.disposal.recipient ?? ''} · ${formatYuan(item.disposal.value, locale)} · ${item.disposal.approvalReference}`
                  : formatYuan(item.bookValue, locale)
              }
            />
          </List.Item>
        )}
      />
      <List<Member>
        header={<Typography.Text strong>{t('desk.staff')}</Typography.Text>}
        dataSource={office.staff}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('desk.noStaff')} /> }}
        renderItem={(item) => (
          <List.Item
            data-testid={`staff-${item.staffId}`}
            actions={[
              item.placement ? (
                <Tag color="success" key="state">
                  {t('desk.placed')}
                </Tag>
              ) : open ? (
                <Button key="state" size="small" onClick={() => setMember(item)}>
                  {t('desk.place')}
                </Button>
              ) : (
                <Tag key="state">{t('desk.pending')}</Tag>
              ),
            ]}
          >
            <List.Item.Meta
              title={item.name}
              description={
                item.placement
                  ? `${t(`desk.placement.${item.placement.placement}` as MessageKey)} · ${item.placement.destination}`
                  : undefined
              }
            />
          </List.Item>
        )}
      />
      <DisposalDialog office={office} asset={asset} onClose={() => setAsset(undefined)} />
      <PlacementDialog office={office} member={member} onClose={() => setMember(undefined)} />
    </Card>
  );
}
