import { JurisdictionCatalog } from '../jurisdiction';
import { NANYANG_UNITS } from '../nanyang';
import { givenWhenThen } from '../testing/given-when-then';
import type { UserAccount } from './accounts';
import type { RegisterUser } from './commands';
import { accountDecider } from './decide';
import { InvalidUserAccount, UserAlreadyRegistered, UserNotFound } from './errors';
import { userStreamId, type UserRegistered } from './events';
import { evolve, initialState } from './state';

const { given } = givenWhenThen(accountDecider(new JurisdictionCatalog(NANYANG_UNITS)));
const CLERK: UserAccount = {
  username: 'clerk.xichuan',
  displayName: '淅川县联络员',
  role: 'clerk',
  unitId: 'henan.nanyang.xichuan',
};
const HASH = '$2b$04$abcdefghijklmnopqrstuuN0pDq8Vx4OqVnYbLZ8qY7lq5aHn3nSe';
const register = (account: UserAccount = CLERK, credentialId = HASH): RegisterUser => ({
  type: 'RegisterUser',
  data: { ...account, credentialId },
});
const registered: UserRegistered = { type: 'UserRegistered', data: { ...CLERK, credentialId: HASH } };

describe('user accounts', () => {
  it('registers an account with its password hash, in the user’s own stream', () => {
    const { state } = given().when(register()).then(registered);
    expect(state).toStrictEqual({
      status: 'active',
      account: CLERK,
      credentialId: HASH,
      passwordMustChange: false,
      generation: 0,
    });
    expect(userStreamId('clerk.xichuan')).toBe('user-clerk.xichuan');
  });

  it('registering the same account again records nothing and keeps the password it has', () => {
    const { state } = given(registered).when(register(CLERK, 'another hash')).then();
    expect(state.status === 'active' && state.credentialId).toBe(HASH);
  });

  it('refuses a different account under a taken name, naming what differs', () => {
    given(registered)
      .when(register({ ...CLERK, role: 'approver', displayName: '淅川县审批人' }))
      .thenThrows(UserAlreadyRegistered, {
        message: 'user clerk.xichuan is already registered with a different displayName, role',
      });
  });

  it.each([
    [
      'an approver bound to a department that decides at no tier',
      { role: 'approver', unitId: 'henan.nanyang.commerce' },
      'unitId',
    ],
    ['an unknown unit', { unitId: 'henan.nowhere' }, 'unitId'],
    ['a malformed username', { username: 'Clerk Xichuan' }, 'username'],
    ['an empty display name', { displayName: '  ' }, 'displayName'],
    ['a display name with a line break', { displayName: '淅川县\n联络员' }, 'displayName'],
    ['a display name with a right-to-left override', { displayName: '淅川县\u202e员络联' }, 'displayName'],
    ['a username that does not begin with a letter or digit', { username: '__proto__' }, 'username'],
    ['an unknown role', { role: 'mayor' }, 'role'],
  ] as const)('refuses %s', (_what, change, field) => {
    given()
      .when(register({ ...CLERK, ...change } as UserAccount))
      .thenThrows(InvalidUserAccount, { field });
  });

  it('an approver may be bound to a government or to its offices administration bureau', () => {
    const bureau = {
      ...CLERK,
      username: 'approver.nanyang',
      role: 'approver' as const,
      unitId: 'henan.nanyang.bureau',
    };
    given()
      .when(register(bureau))
      .then({ type: 'UserRegistered', data: { ...bureau, credentialId: HASH } });
  });

  it('changes the password of a registered user, ending the sessions of the old one', () => {
    const { state } = given(registered)
      .when({ type: 'ChangePassword', data: { username: 'clerk.xichuan', credentialId: 'new hash' } })
      .then({ type: 'PasswordChanged', data: { username: 'clerk.xichuan', credentialId: 'new hash' } });
    expect(state).toMatchObject({ status: 'active', credentialId: 'new hash', generation: 1 });
  });

  it('refuses to change the password of a user who is not registered', () => {
    given()
      .when({ type: 'ChangePassword', data: { username: 'nobody', credentialId: 'new hash' } })
      .thenThrows(UserNotFound);
  });

  it('passes over an event type written by a later version', () => {
    const later = { type: 'UserLocked', data: { username: 'clerk.xichuan' } } as never;
    const state = evolve(evolve(initialState(), registered), later);
    expect(state).toStrictEqual(evolve(initialState(), registered));
  });
});
