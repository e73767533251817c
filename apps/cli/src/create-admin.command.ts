import { parseArgs } from 'node:util';
import { createEventStore, loadConfig, withCommandBus } from '@liaison/app';
import { ExecuteCommand } from '@liaison/application';
import { randomUUID } from 'node:crypto';
import { bcryptCostFrom, credentialsFile, PasswordHasher, SqliteCredentialStore } from '@liaison/auth';
import { DomainError, officeContext, type JurisdictionCatalog } from '@liaison/domain';
import { UsageError, type CliIo, type Command } from './command';

const DEFAULT_DISPLAY_NAME = '系统管理员';
const DEFAULT_REASON = 'first administrator, created on the command line';

function options(args: readonly string[], catalog: JurisdictionCatalog) {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        username: { type: 'string' },
        jurisdiction: { type: 'string' },
        'display-name': { type: 'string', default: DEFAULT_DISPLAY_NAME },
        reason: { type: 'string', default: DEFAULT_REASON },
        actor: { type: 'string', default: 'operator' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(`create-admin: ${(error as Error).message}`);
  }
  if (!values.username) throw new UsageError('create-admin: --username NAME is required');
  const roots = catalog.all().filter((unit) => unit.parentId === undefined);
  const unitId = values.jurisdiction ?? (roots.length === 1 ? roots[0]!.id : undefined);
  if (unitId === undefined) {
    throw new UsageError(
      `create-admin: give --jurisdiction, one of ${roots.map((unit) => unit.id).join(', ')}`,
    );
  }
  if (!catalog.find(unitId))
    throw new UsageError(`create-admin: ${unitId} is not a unit of the jurisdiction tree`);
  return {
    username: values.username,
    unitId,
    displayName: values['display-name'],
    reason: values.reason,
    actor: values.actor,
  };
}

/**
 * Creates an administrator through the command bus, like any account an administrator creates: with a one-time
 * password, printed once, that must be changed at the first sign-in. An existing account is never overwritten.
 */
export const createAdminCommand: Command = {
  usage:
    'create-admin --username NAME [--jurisdiction UNIT] [--display-name TEXT] [--reason TEXT] [--actor NAME]',
  summary:
    'Creates an administrator with a one-time password, printed once: the first sign-in must change it. Bound to\n' +
    'the root of the jurisdiction tree (the province: every account and office) unless --jurisdiction names a city\n' +
    '(a municipal administrator). Refuses a username that exists. Works on a store with no accounts at all.',
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const config = loadConfig(io.env);
    const context = officeContext({ sla: config.taskSla, calendar: config.calendar });
    const { username, unitId, displayName, reason, actor } = options(args, context.jurisdictions);
    const { password, passwordHash } = await new PasswordHasher(bcryptCostFrom(io.env)).oneTime();
    const store = createEventStore(config);
    // The hash is kept beside the log, under the id the UserCreated event names (see docs/security.md).
    const credentials = new SqliteCredentialStore(credentialsFile(config));
    const credentialId = randomUUID();
    try {
      credentials.keep(credentialId, username, passwordHash);
      await withCommandBus(
        store,
        (bus) =>
          bus.execute(
            new ExecuteCommand(
              'account',
              username,
              {
                type: 'CreateUser',
                data: { username, displayName, role: 'admin', unitId, credentialId, reason },
              },
              {
                actor,
                role: 'admin',
                comment: reason,
                now: new Date().toISOString(),
                awaitReadModels: false,
              },
            ),
          ),
        context,
      );
    } catch (error) {
      credentials.forget(credentialId);
      if (!(error instanceof DomainError)) throw error;
      io.stderr.write(`create-admin: ${error.message}\n`);
      return 1;
    } finally {
      credentials.close();
      await store.close();
    }
    const unit = context.jurisdictions.get(unitId);
    io.stdout.write(
      `created administrator ${username} of ${unit.id} (${unit.name})\n` +
        `one-time password: ${password}\n` +
        'It is shown only now. Sign in with it (POST /auth/login); the first thing the account can do is change it\n' +
        '(POST /auth/password).\n',
    );
    return 0;
  },
};
