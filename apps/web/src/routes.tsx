import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Profile } from './api/client';
import type { MessageKey } from './i18n/en';

type Role = Profile['role'];

/** One area of the console: a path under /console, who may open it, and its screen (its own chunk). */
export interface Area {
  path: string;
  label: MessageKey;
  roles: readonly Role[];
  screen: LazyExoticComponent<ComponentType<{ me: Profile }>>;
}

// The API stays the authority: an area a role may not open is only hidden here, and its requests would be refused.
export const AREAS: readonly Area[] = [
  { path: 'inbox', label: 'nav.inbox', roles: ['approver'], screen: lazy(() => import('./screens/Inbox')) },
  { path: 'desk', label: 'nav.desk', roles: ['clerk'], screen: lazy(() => import('./screens/desk/Desk')) },
  {
    path: 'campaign',
    label: 'nav.campaign',
    roles: ['supervisor', 'admin'],
    screen: lazy(() => import('./screens/campaign/Campaign')),
  },
  {
    path: 'report',
    label: 'nav.report',
    roles: ['supervisor'],
    screen: lazy(() => import('./screens/report/Reports')),
  },
  {
    path: 'admin',
    label: 'nav.admin',
    roles: ['admin'],
    screen: lazy(() => import('./screens/admin/Admin')),
  },
];

export const CONSOLE_BASE = '/console';

export function areasFor(me: Profile): readonly Area[] {
  return AREAS.filter((area) => area.roles.includes(me.role));
}
