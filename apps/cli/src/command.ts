/** What a command reads and writes: the process's, or a test's. */
export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
}

/** One operator command: `usage` is its synopsis (`name [options]`), `summary` what it does. */
export interface Command {
  usage: string;
  summary: string;
  /** Resolves to the exit code; throws UsageError for bad arguments (exit code 2). */
  run(args: readonly string[], io: CliIo): Promise<number>;
}

/** Wrong arguments: the message and the usage go to stderr, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
