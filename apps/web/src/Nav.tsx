import { Menu } from 'antd';
import { Link } from 'react-router';
import { useI18n } from './i18n';
import { CONSOLE_BASE, type Area } from './routes';

/** The side menu of the areas a role may open: only roles with more than one area see it, so it loads apart. */
export default function Nav({ areas, current }: { areas: readonly Area[]; current: Area | undefined }) {
  const { t } = useI18n();
  return (
    <Menu
      mode="inline"
      selectedKeys={current ? [current.path] : []}
      items={areas.map((area) => ({
        key: area.path,
        label: <Link to={`${CONSOLE_BASE}/${area.path}`}>{t(area.label)}</Link>,
      }))}
    />
  );
}
