import { Tag } from 'antd';
import type { MessageKey } from '../i18n/en';

const DAY = 24 * 60 * 60 * 1000;

/** A task's deadline as a badge: overdue, due within two days, or on time. */
export function DueBadge({
  dueAt,
  t,
  now = Date.now(),
}: {
  dueAt: string | null;
  t(key: MessageKey): string;
  now?: number;
}) {
  if (!dueAt) return <Tag>{t('noDue')}</Tag>;
  const left = Date.parse(dueAt) - now;
  const [color, label] =
    left < 0
      ? ['error', t('overdue')]
      : left < 2 * DAY
        ? ['warning', t('dueSoon')]
        : ['success', t('onTime')];
  return (
    <Tag color={color} title={new Date(dueAt).toLocaleString()}>
      {label} · {new Date(dueAt).toLocaleDateString()}
    </Tag>
  );
}
