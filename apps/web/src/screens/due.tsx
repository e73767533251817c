import { Tag } from 'antd';
import type { Task } from '../api/client';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/en';
import { useDateFormat } from '../ui/datetime';

const BADGE: Record<NonNullable<Task['dueIn']>['when'], { color: string; label: MessageKey }> = {
  overdue: { color: 'error', label: 'dueOverdue' },
  today: { color: 'warning', label: 'dueToday' },
  'this-week': { color: 'processing', label: 'dueThisWeek' },
  later: { color: 'success', label: 'dueLater' },
};

/** {n} in a message. */
export const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));

/**
 * A task's deadline as the API counts it on the working-day calendar: overdue, due today, due this week or later,
 * with the working days left (or past) and the due date in China Standard Time.
 */
export function DueBadge({ task }: { task: Pick<Task, 'dueAt' | 'dueIn'> }) {
  const { t } = useI18n();
  const format = useDateFormat();
  if (!task.dueAt) return <Tag>{t('noDue')}</Tag>;
  if (!task.dueIn) return <Tag title={format.dateTime(task.dueAt)}>{format.date(task.dueAt)}</Tag>;
  const { color, label } = BADGE[task.dueIn.when];
  const days = task.dueIn.workingDays;
  const left =
    days < 0
      ? fill(t('workingDaysPast'), { n: -days })
      : days > 0
        ? fill(t('workingDaysLeft'), { n: days })
        : '';
  return (
    <Tag color={color} title={`${format.dateTime(task.dueAt)}${left ? ` · ${left}` : ''}`}>
      {t(label)} · {format.date(task.dueAt)}
    </Tag>
  );
}
