import 'reflect-metadata';
import { UsageError, type CliIo, type Command } from './command';
import { anchorCommand, verifyCommand } from './audit.command';
import { createAdminCommand } from './create-admin.command';
import { backupCommand, restoreCommand } from './backup.command';
import { applySlaCommand, migrateCommand } from './deadlines.command';
import { rebuildCommand } from './rebuild.command';
import { whatIfCommand } from './what-if.command';

/** The operator commands, by name. A new command is one more entry. */
export const COMMANDS: Readonly<Record<string, Command>> = {
  rebuild: rebuildCommand,
  verify: verifyCommand,
  anchor: anchorCommand,
  migrate: migrateCommand,
  'apply-sla': applySlaCommand,
  'create-admin': createAdminCommand,
  backup: backupCommand,
  restore: restoreCommand,
  'what-if': whatIfCommand,
};

export const EXIT_USAGE = 2;

export function usage(commands: Readonly<Record<string, Command>> = COMMANDS): string {
  const lines = ['usage: node dist/apps/cli/src/main.js <command> [arguments]', '', 'commands:'];
  for (const command of Object.values(commands)) {
    lines.push(`  ${command.usage}`);
    for (const line of command.summary.split('\n')) lines.push(`      ${line}`);
  }
  lines.push(
    '',
    'Configuration comes from the environment, as for the API (DATA_DIR, EVENT_STORE, READ_STORE_URL, …).',
    'After npm run build: npm run rebuild (-- --force), npm run verify, npm run anchor, npm run migrate,',
    'npm run apply-sla -- --reason "…", npm run create-admin -- --username NAME,',
    'npm run backup -- <dir>, npm run restore -- <dir>, npm run what-if -- --from DAY --to DAY --sla county=3.',
  );
  return `${lines.join('\n')}\n`;
}

/** Runs one command; resolves to the process's exit code. */
export async function main(
  argv: readonly string[],
  io: CliIo = { env: process.env, stdout: process.stdout, stderr: process.stderr },
  commands: Readonly<Record<string, Command>> = COMMANDS,
): Promise<number> {
  const [name, ...args] = argv;
  if (name === 'help' || name === '--help' || name === '-h') {
    io.stdout.write(usage(commands));
    return 0;
  }
  const command = name !== undefined && Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    io.stderr.write(
      `${name === undefined ? 'no command given' : `unknown command: ${name}`}\n\n${usage(commands)}`,
    );
    return EXIT_USAGE;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`${error.message}\n\n${usage(commands)}`);
      return EXIT_USAGE;
    }
    io.stderr.write(
      `${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    },
  );
}
