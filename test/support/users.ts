import { client, type Client } from './app';

/** The reason the specs' administrators give: it goes on record with every change. */
export const REASON = '桐柏县审批人到岗 (县政府办函〔2015〕12号)';

/** Signing in with a password, and enrolling accounts, against the app at `base`. */
export function accountsAt(base: string) {
  /** Signs in with a password; the reply as it came. */
  const login = (username: string, password: string) =>
    client(base).post('/auth/login', { username, password });
  const bearer = (token: string) => client(base, { authorization: `Bearer ${token}` });

  /** An account created by `by`, its one-time password changed to `password`: a client signed in with it. */
  async function enrol(by: Client, account: Record<string, string>, password = 'a-password-of-mine') {
    const created = await by.post('/users', { ...account, reason: REASON });
    expect(created.status).toBe(201);
    const first = await login(account.username!, created.body.oneTimePassword);
    const changed = await bearer(first.body.accessToken).post('/auth/password', {
      currentPassword: created.body.oneTimePassword,
      newPassword: password,
    });
    expect(changed.status).toBe(200);
    return bearer(changed.body.accessToken);
  }

  return { login, bearer, enrol };
}
