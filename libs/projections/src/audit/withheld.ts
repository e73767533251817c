import { USER_STREAM_PREFIX } from '@liaison/domain';
import type { RecordedEvent } from '@liaison/event-store';

/** What the audit views show in place of a secret the log holds. */
export const WITHHELD = '(withheld)';

/**
 * An event's data as the audit views show it: an account event's password hash is withheld. Whoever reads the trail
 * sees that the password was set and by whom, never a hash to attack offline; the hash chains over the whole event
 * are still verified on the server (GET /audit/verify, `npm run verify`).
 */
export function shownData(event: Pick<RecordedEvent, 'streamId' | 'data'>): unknown {
  const { data } = event;
  if (!event.streamId.startsWith(USER_STREAM_PREFIX) || typeof data !== 'object' || data === null)
    return data;
  return 'passwordHash' in data ? { ...data, passwordHash: WITHHELD } : data;
}
