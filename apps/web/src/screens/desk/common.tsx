import { Alert, Button, Tag } from 'antd';
import { RequestFailed } from '../../api/client';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/en';
import type { Schemas } from '../../api/client';

type Progress = Schemas['ProgressDto'];

/** A read that failed, with a retry: every desk screen shows this rather than an empty page. */
export function LoadError({ error, onRetry }: { error: Error; onRetry(): void }) {
  const { t } = useI18n();
  return (
    <Alert
      type="error"
      showIcon
      title={t('desk.loadFailed')}
      description={error.message}
      action={<Button onClick={onRetry}>{t('desk.retry')}</Button>}
    />
  );
}

/** A refused command: the API's message and, when the plan is the reason, the section it cites (e.g. 八(三)). */
export function Refusal({ error }: { error: Error | null }) {
  const { t } = useI18n();
  if (!error) return null;
  const ruleId = error instanceof RequestFailed ? error.body?.ruleId : undefined;
  return (
    <Alert
      data-testid="desk-refusal"
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      title={
        ruleId ? (
          <span>
            {t('desk.refusedBy')} <Tag color="red">{ruleId}</Tag>
          </span>
        ) : (
          t('desk.loadFailed')
        )
      }
      description={error.message}
    />
  );
}

// Only colours whose text keeps 4.5:1 on their tint (the theme's status tokens, blue): gold and volcano do not.
const STATUS_COLOR: Record<string, string> = {
  'awaiting-ruling': 'warning',
  proposed: 'blue',
  'retention-requested': 'blue',
  'returned-for-revision': 'warning',
  retained: 'success',
  rejected: 'error',
  abolished: 'error',
  closed: 'default',
};

export function StatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLOR[status]}>{t(`desk.status.${status}` as MessageKey)}</Tag>;
}

/** What the unit must do next, from the office's status: the list has no words for it, only the state. */
export function nextActionKey(office: {
  status: string;
  requiredOutcome?: string;
  disposition?: { outcome: string };
  progress: Progress;
}): MessageKey {
  const outcome = office.requiredOutcome ?? office.disposition?.outcome;
  switch (office.status) {
    case 'awaiting-ruling':
      return 'desk.next.ruling';
    case 'proposed':
      return outcome === 'retain-or-abolish' ? 'desk.next.retainOrAbolish' : 'desk.next.abolish';
    case 'retention-requested':
      return 'desk.next.decision';
    case 'returned-for-revision':
      return 'desk.next.resubmit';
    case 'rejected':
      return 'desk.next.abolish';
    case 'abolished': {
      const { assetsDisposed, assetsTotal, staffPlaced, staffTotal } = office.progress;
      return assetsDisposed === assetsTotal && staffPlaced === staffTotal
        ? 'desk.next.close'
        : 'desk.next.dispose';
    }
    default:
      return 'desk.next.none';
  }
}

/** Disposal and placement as done/total, for the list and the checklist. */
export function progressPercent(progress: Progress): number {
  const total = progress.assetsTotal + progress.staffTotal;
  return total === 0 ? 100 : Math.round(((progress.assetsDisposed + progress.staffPlaced) / total) * 100);
}
