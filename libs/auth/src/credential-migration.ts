import { USER_STREAM_PREFIX } from '@liaison/domain';
import type { EventStore, Position } from '@liaison/event-store';
import type { CredentialStore } from './credential-store';

const PAGE = 1000;

/**
 * Copies into the credential store the hash of every account whose password in force was set by an event recorded
 * before credentials left the log (one carrying `passwordHash`), under that event's id, which is how the account is
 * read (see `upcast` in user-accounts.ts). Hashes such events set that a later event superseded are not copied: no
 * one signs in with them. Idempotent; answers how many were copied. The events stay as recorded (the hash chain
 * covers them); every view of the log withholds the hash.
 */
export async function migrateCredentials(store: EventStore, credentials: CredentialStore): Promise<number> {
  const inForce = new Map<string, { id: string; legacyHash?: string }>();
  let after: Position | undefined;
  for (;;) {
    const page = await store.readAll({ ...(after ? { after } : {}), maxCount: PAGE });
    for (const event of page) {
      if (!event.streamId.startsWith(USER_STREAM_PREFIX)) continue;
      const data = event.data as { credentialId?: unknown; passwordHash?: unknown } | null;
      if (typeof data !== 'object' || data === null) continue;
      const username = event.streamId.slice(USER_STREAM_PREFIX.length);
      if (typeof data.credentialId === 'string') inForce.set(username, { id: data.credentialId });
      else if (typeof data.passwordHash === 'string') {
        inForce.set(username, { id: event.id, legacyHash: data.passwordHash });
      }
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.position;
  }
  let copied = 0;
  for (const [username, { id, legacyHash }] of inForce) {
    if (legacyHash === undefined || credentials.hash(id) !== undefined) continue;
    credentials.keep(id, username, legacyHash);
    copied += 1;
  }
  return copied;
}
