import { Button, Card, Col, Descriptions, Result, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { Link, useParams } from 'react-router';
import { RequestFailed } from '../../api/client';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/en';
import { CONSOLE_BASE } from '../../routes';
import { Checklist } from './Checklist';
import { LoadError, nextActionKey, Refusal, StatusTag } from './common';
import { useOfficeCommand } from './commands';
import { AbolitionDialog, RetentionDialog } from './OfficeDialogs';
import { useRegulationI18n } from './regulation/text';
import { useOffice, type OfficeDetail } from './queries';

const BACK = `${CONSOLE_BASE}/desk`;
// Only a retained office has a regulation panel: its chunk loads when one is opened.
const RegulationDrawer = lazy(() => import('./regulation/RegulationDrawer'));

/** One office of the unit: its rule, where it stands, what may be done next, and the abolition checklist. */
export function OfficePage() {
  const { officeId } = useParams();
  if (!officeId) return <DeskNotFound />;
  return <OfficeLoader key={officeId} officeId={officeId} />;
}

/** Another unit's office is not found, as the API answers: nothing says whether it exists. */
export function DeskNotFound() {
  const { t } = useI18n();
  return (
    <Result
      data-testid="desk-not-found"
      status="404"
      title={t('desk.notFound')}
      subTitle={t('desk.notFoundHint')}
      extra={
        <Link to={BACK}>
          <Button type="primary">{t('desk.back')}</Button>
        </Link>
      }
    />
  );
}

function OfficeLoader({ officeId }: { officeId: string }) {
  const office = useOffice(officeId);
  if (office.isPending)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  if (office.isError) {
    const status = office.error instanceof RequestFailed ? office.error.status : 0;
    if (status === 404 || status === 403) return <DeskNotFound />;
    return <LoadError error={office.error} onRetry={() => void office.refetch()} />;
  }
  return <OfficeView office={office.data} />;
}

type Dialog = 'retention' | 'resubmission' | 'abolition' | 'regulation';

function OfficeView({ office }: { office: OfficeDetail }) {
  const { t } = useI18n();
  const [dialog, setDialog] = useState<Dialog | undefined>();
  const close = useOfficeCommand(office.officeId, office.version);
  const { status, disposition, progress } = office;
  const complete =
    progress.assetsDisposed === progress.assetsTotal && progress.staffPlaced === progress.staffTotal;
  const tier = (value: string) => t(`desk.tier.${value}` as MessageKey);
  const regulation = useRegulationI18n();
  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} lg={13}>
        <Card title={office.name} data-testid="desk-office" extra={<Link to={BACK}>{t('desk.back')}</Link>}>
          <Refusal error={close.error} />
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('desk.sponsor')}>{office.sponsor.name}</Descriptions.Item>
            <Descriptions.Item label={t('desk.hostCity')}>{office.hostCity.name}</Descriptions.Item>
            <Descriptions.Item label={t('desk.status')}>
              <Space size={4} wrap>
                <StatusTag status={status} />
                {office.pendingTier && `${t('desk.pendingAt')} ${tier(office.pendingTier)}`}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('desk.rule')}>
              <Space size={4} wrap>
                <Tag color="purple">{disposition.ruleId}</Tag>
                {t(`desk.outcome.${disposition.outcome}` as MessageKey)}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('desk.planSays')}>
              <Typography.Paragraph style={{ margin: 0 }}>{disposition.ruleText}</Typography.Paragraph>
            </Descriptions.Item>
            {office.returned && (
              <Descriptions.Item label={`${t('desk.returnedBy')} ${tier(office.returned.tier)}`}>
                {office.returned.comment}
              </Descriptions.Item>
            )}
            {office.rejected && (
              <Descriptions.Item label={`${t('desk.rejectedBy')} ${tier(office.rejected.tier)}`}>
                {office.rejected.reason}
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('desk.nextAction')}>
              <span data-testid="desk-next-action">{t(nextActionKey(office))}</span>
            </Descriptions.Item>
          </Descriptions>
          <Space wrap style={{ marginTop: 16 }}>
            {status === 'proposed' && office.retentionStartTier && (
              <Button type="primary" onClick={() => setDialog('retention')}>
                {t('desk.requestRetention')}
              </Button>
            )}
            {status === 'returned-for-revision' && (
              <Button type="primary" onClick={() => setDialog('resubmission')}>
                {t('desk.resubmit')}
              </Button>
            )}
            {status === 'retained' && (
              <Button type="primary" onClick={() => setDialog('regulation')}>
                {regulation.t('desk.reg.open')}
              </Button>
            )}
            {['proposed', 'rejected', 'returned-for-revision', 'retained'].includes(status) && (
              <Button danger onClick={() => setDialog('abolition')}>
                {t('desk.abolish')}
              </Button>
            )}
            {status === 'abolished' && (
              <Button
                type="primary"
                disabled={!complete}
                loading={close.isPending}
                onClick={() => close.mutate({ kind: 'closure' })}
              >
                {t('desk.close')}
              </Button>
            )}
          </Space>
        </Card>
      </Col>
      <Col xs={24} lg={11}>
        <Checklist office={office} />
      </Col>
      <RetentionDialog
        office={office}
        open={dialog === 'retention' || dialog === 'resubmission'}
        resubmission={dialog === 'resubmission'}
        onClose={() => setDialog(undefined)}
      />
      <AbolitionDialog office={office} open={dialog === 'abolition'} onClose={() => setDialog(undefined)} />
      {dialog === 'regulation' && (
        <Suspense fallback={null}>
          <RegulationDrawer
            officeId={office.officeId}
            name={office.name}
            onClose={() => setDialog(undefined)}
          />
        </Suspense>
      )}
    </Row>
  );
}
