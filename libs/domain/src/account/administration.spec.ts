import { JurisdictionCatalog } from '../jurisdiction';
import { NANYANG_UNITS } from '../nanyang';
import { givenWhenThen } from '../testing/given-when-then';
import type { UserAccount } from './accounts';
import type { CreateUser } from './commands';
import { accountDecider } from './decide';
import { AccountDisabled, InvalidUserAccount, UsernameTaken, UserNotFound } from './errors';
import type { AccountEvent, UserCreated } from './events';

const { given } = givenWhenThen(accountDecider(new JurisdictionCatalog(NANYANG_UNITS)));
const APPROVER: UserAccount = {
  username: 'approver.tongbai',
  displayName: '桐柏县审批人',
  role: 'approver',
  unitId: 'henan.nanyang.tongbai',
};
const username = APPROVER.username;
const ONE_TIME = '$2b$04$one.time.password.hash.of.the.administrator.........';
const REASON = '桐柏县审批人到岗 (县政府办函〔2015〕12号)';
const create = (account: UserAccount = APPROVER, reason = REASON): CreateUser => ({
  type: 'CreateUser',
  data: { ...account, credentialId: ONE_TIME, reason },
});
const created: UserCreated = {
  type: 'UserCreated',
  data: { ...APPROVER, credentialId: ONE_TIME, reason: REASON },
};
const disabled: AccountEvent = { type: 'UserDisabled', data: { username, reason: '调离' } };

describe('an administrator creates an account', () => {
  it('with a one-time password that must be changed at the first sign-in', () => {
    const { state } = given().when(create()).then(created);
    expect(state).toStrictEqual({
      status: 'active',
      account: APPROVER,
      credentialId: ONE_TIME,
      passwordMustChange: true,
      generation: 0,
    });
  });

  it('never over an existing account, even the same one', () => {
    given(created)
      .when(create())
      .thenThrows(UsernameTaken, { message: 'user approver.tongbai already exists' });
    given({ type: 'UserRegistered', data: { ...APPROVER, credentialId: 'own' } })
      .when(create({ ...APPROVER, role: 'admin' }))
      .thenThrows(UsernameTaken);
  });

  it.each([
    ['no reason', { reason: '   ' }, 'reason'],
    ['a reason with a control character', { reason: '到岗\u0007' }, 'reason'],
    ['a reason of 501 characters', { reason: 'x'.repeat(501) }, 'reason'],
    ['the username __proto__', { username: '__proto__' }, 'username'],
    ['a username with a control character', { username: 'a\u0000b' }, 'username'],
    ['a display name with a control character', { displayName: '桐柏\u0000' }, 'displayName'],
    ['an approver of a department that decides at no tier', { unitId: 'henan.nanyang.commerce' }, 'unitId'],
    ['an unknown unit', { unitId: 'henan.luoyang' }, 'unitId'],
  ] as const)('refuses %s, naming the field', (_what, change, field) => {
    const { reason = REASON, ...account } = { ...APPROVER, ...change } as UserAccount & { reason?: string };
    given().when(create(account, reason)).thenThrows(InvalidUserAccount, { field });
  });
});

describe('an administrator changes role and jurisdiction', () => {
  const change = (role: UserAccount['role'], unitId: string, reason = REASON) =>
    ({ type: 'ChangeUserRole', data: { username, role, unitId, reason } }) as const;

  it('records the new role and unit, which take the place of the old at once', () => {
    const { state } = given(created)
      .when(change('supervisor', 'henan.nanyang.bureau'))
      .then({
        type: 'UserRoleChanged',
        data: { username, role: 'supervisor', unitId: 'henan.nanyang.bureau', reason: REASON },
      });
    expect(state).toMatchObject({
      account: { ...APPROVER, role: 'supervisor', unitId: 'henan.nanyang.bureau' },
      generation: 0,
    });
  });

  it('records nothing when role and unit are what they are', () => {
    given(created).when(change('approver', 'henan.nanyang.tongbai')).then();
  });

  it('checks the role and the unit together: an approver must be bound where some tier decides', () => {
    given(created)
      .when(change('approver', 'henan.nanyang.transport'))
      .thenThrows(InvalidUserAccount, { field: 'unitId', message: 'decides at no tier' });
    given(created)
      .when(change('mayor' as never, 'henan.nanyang'))
      .thenThrows(InvalidUserAccount, {
        field: 'role',
      });
  });

  it('needs a reason, and an account that exists', () => {
    given(created)
      .when(change('clerk', 'henan.nanyang', ''))
      .thenThrows(InvalidUserAccount, {
        field: 'reason',
      });
    given().when(change('clerk', 'henan.nanyang')).thenThrows(UserNotFound);
  });
});

describe('an administrator disables and enables an account', () => {
  it('disabling ends every session; disabling again records nothing', () => {
    const { state } = given(created)
      .when({ type: 'DisableUser', data: { username, reason: '调离' } })
      .then(disabled);
    expect(state).toMatchObject({ status: 'disabled', generation: 1 });
    given(created, disabled)
      .when({ type: 'DisableUser', data: { username, reason: '再次' } })
      .then();
  });

  it('enabling lets the account sign in again, but not with the sessions it had', () => {
    const { state } = given(created, disabled)
      .when({ type: 'EnableUser', data: { username, reason: '复岗' } })
      .then({ type: 'UserEnabled', data: { username, reason: '复岗' } });
    expect(state).toMatchObject({ status: 'active', generation: 1 });
    given(created)
      .when({ type: 'EnableUser', data: { username, reason: '复岗' } })
      .then();
  });

  it('needs a reason and an account that exists', () => {
    given(created)
      .when({ type: 'DisableUser', data: { username, reason: '' } })
      .thenThrows(InvalidUserAccount, { field: 'reason' });
    given()
      .when({ type: 'EnableUser', data: { username, reason: '复岗' } })
      .thenThrows(UserNotFound);
  });
});

describe('passwords', () => {
  const reset = {
    type: 'ResetPassword',
    data: { username, credentialId: 'reset hash', reason: '遗忘密码' },
  } as const;
  const own = { type: 'ChangePassword', data: { username, credentialId: 'own hash' } } as const;

  it('a reset sets a one-time password and ends every session, a disabled account’s too', () => {
    const { state } = given(created, {
      type: 'PasswordChanged',
      data: { username, credentialId: 'own hash' },
    })
      .when(reset)
      .then({ type: 'PasswordReset', data: reset.data });
    expect(state).toMatchObject({ credentialId: 'reset hash', passwordMustChange: true, generation: 2 });
    given(created, disabled).when(reset).then({ type: 'PasswordReset', data: reset.data });
  });

  it('the user’s own change replaces the one-time password and ends the sessions it had', () => {
    const { state } = given(created).when(own).then({ type: 'PasswordChanged', data: own.data });
    expect(state).toMatchObject({ credentialId: 'own hash', passwordMustChange: false, generation: 1 });
  });

  it('a disabled account cannot change its own password', () => {
    given(created, disabled).when(own).thenThrows(AccountDisabled, { message: 'is disabled' });
  });

  it('a reset needs a reason', () => {
    given(created)
      .when({ ...reset, data: { ...reset.data, reason: ' ' } })
      .thenThrows(InvalidUserAccount, { field: 'reason' });
  });
});
