import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type Task = Schemas['TaskDto'];
export type Inbox = Schemas['InboxDto'];
export type Office = Schemas['OfficeDetailDto'];
export type HistoryEntry = Schemas['HistoryEntryDto'];
export type Session = Schemas['SessionDto'];
export type Profile = Schemas['AccountProfileDto'];
export type ApiError = Schemas['ErrorBodyDto'];

/** The csrf cookie set by POST /auth/session: echoed on every change, as the API requires of a cookie session. */
function csrfToken(): string | undefined {
  const match = /(?:^|;\s*)csrf=([^;]*)/.exec(document.cookie);
  return match ? decodeURIComponent(match[1]!) : undefined;
}

const csrf: Middleware = {
  onRequest({ request }) {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const token = csrfToken();
      if (token) request.headers.set('X-CSRF-Token', token);
    }
    return request;
  },
};

/** Same origin: the session cookie goes with every request; no token is ever in script's reach. */
export const api = createClient<paths>({ baseUrl: '/', credentials: 'same-origin' });
api.use(csrf);

/** Thrown for a non-2xx answer, carrying the API's error body. */
export class RequestFailed extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError | undefined,
  ) {
    super(body?.message ?? `HTTP ${status}`);
  }
}

/** The data of an openapi-fetch result, or RequestFailed. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok) return result.data as T;
  throw new RequestFailed(result.response.status, result.error as ApiError | undefined);
}

/**
 * A request answered 401 once signed in: the session has expired (or was ended elsewhere). The app listens and
 * asks the user to sign in again; sign-in's own requests are not this.
 */
const expiryListeners = new Set<() => void>();

export function onSessionExpired(listener: () => void): () => void {
  expiryListeners.add(listener);
  return () => expiryListeners.delete(listener);
}

export function sessionExpired(): void {
  for (const listener of expiryListeners) listener();
}

api.use({
  onResponse({ request, response }) {
    if (response.status === 401 && !new URL(request.url).pathname.startsWith('/auth/')) sessionExpired();
    return response;
  },
});
