import { Button, DatePicker, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n';
import { dateTime, pickerValue } from './time';

const STEPS = 10;
const STEP_MS = 700;
const FORMAT = 'YYYY-MM-DD HH:mm:ss';

/**
 * The instant the whole campaign is replayed as of (null: now), and a playback from one instant to another: the
 * charts move through the steps between them, each one folded from the log as it stood then.
 */
export function Replay({
  at,
  onChange,
  start,
}: {
  at: string | null;
  onChange(at: string | null): void;
  start?: string;
}) {
  const { t, locale } = useI18n();
  const [until, setUntil] = useState<string | null>(null);
  const [playing, setPlaying] = useState(false);

  useEffect(() => {
    if (!playing) return;
    const from = Date.parse(at ?? start ?? new Date().toISOString());
    const to = until ? Date.parse(until) : Date.now();
    let step = 0;
    const timer = setInterval(() => {
      step++;
      onChange(new Date(from + ((to - from) * step) / STEPS).toISOString());
      if (step >= STEPS) {
        clearInterval(timer);
        setPlaying(false);
      }
    }, STEP_MS);
    return () => clearInterval(timer);
    // The playback runs once from where it was started; later changes of `at` are its own steps.
  }, [playing]);

  return (
    <Space wrap align="center" data-testid="replay">
      <label htmlFor="as-of">{t('campaign.asOf')}</label>
      <DatePicker
        id="as-of"
        showTime
        format={FORMAT}
        allowClear
        placeholder={t('campaign.now')}
        value={at ? pickerValue(at) : null}
        onChange={(value) => onChange(value ? value.toISOString() : null)}
        disabled={playing}
      />
      <Button onClick={() => onChange(null)} disabled={playing || at === null}>
        {t('campaign.now')}
      </Button>
      <label htmlFor="play-until">{t('campaign.playUntil')}</label>
      <DatePicker
        id="play-until"
        showTime
        format={FORMAT}
        allowClear
        placeholder={t('campaign.now')}
        value={until ? pickerValue(until) : null}
        onChange={(value) => setUntil(value ? value.toISOString() : null)}
        disabled={playing}
      />
      <Button onClick={() => setPlaying(!playing)} aria-pressed={playing}>
        {playing ? t('campaign.pause') : t('campaign.play')}
      </Button>
      <Typography.Text type="secondary" data-testid="as-of-label">
        {at ? dateTime(at, locale) : t('campaign.live')}
      </Typography.Text>
    </Space>
  );
}
