import { readFileSync } from 'node:fs';

/**
 * A secret from the environment: `NAME` itself, or the contents of the file `NAME_FILE` names (the convention of
 * Docker and Kubernetes secrets, which mount each secret as a file, so it shows in no `docker inspect` or process
 * listing). Surrounding whitespace is dropped: `echo secret > file` leaves a line feed. Undefined when neither is set.
 */
export function secretFromEnv(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name];
  const file = env[`${name}_FILE`];
  const given = value !== undefined && value !== '';
  if (file === undefined || file === '') return given ? value : undefined;
  if (given) throw new Error(`${name} and ${name}_FILE are both set: set one of them`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(
      `${name}_FILE names ${file}, which cannot be read (${(error as NodeJS.ErrnoException).code})`,
      { cause: error },
    );
  }
  const secret = text.trim();
  if (secret === '') throw new Error(`${name}_FILE names ${file}, which is empty`);
  return secret;
}

/** NODE_ENV=production: no demo data, no signing key made up on the spot. */
export function isProduction(env: NodeJS.ProcessEnv): boolean {
  return env.NODE_ENV === 'production';
}
