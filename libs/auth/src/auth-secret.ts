import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isProduction, secretFromEnv } from './env-secret';

export const AUTH_SECRET_FILE = 'auth-secret';
const MIN_SECRET_LENGTH = 32;

/**
 * The key that signs access tokens: AUTH_SECRET (or the file AUTH_SECRET_FILE names) when set. Otherwise, outside
 * production, a random one kept in `<dataDir>/auth-secret` (mode 0600), made on first start, so that tokens survive
 * restarts and every process on the folder agrees. In production a key made up on the spot is refused: it would
 * differ between replicas and die with the container's volume.
 */
export function resolveAuthSecret(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = secretFromEnv(env, 'AUTH_SECRET');
  if (fromEnv !== undefined) {
    if (fromEnv.length < MIN_SECRET_LENGTH) {
      throw new Error(`AUTH_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
    }
    return fromEnv;
  }
  if (isProduction(env)) {
    throw new Error(
      'NODE_ENV=production needs AUTH_SECRET (or AUTH_SECRET_FILE, a file holding it): the key that signs ' +
        `access tokens, at least ${MIN_SECRET_LENGTH} characters, the same for every API process ` +
        '(e.g. `openssl rand -base64 48`)',
    );
  }
  const file = join(dataDir, AUTH_SECRET_FILE);
  // Read first: a folder mounted read-only that already holds the key must not stop the start by a write it needs not.
  const kept = readKept(file);
  if (kept !== undefined) return usable(kept, file);
  mkdirSync(dataDir, { recursive: true });
  // Written whole under a temporary name, then linked into place: link fails if the file exists, so two processes
  // starting together agree on one secret and neither can read a half-written file.
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}`;
  writeFileSync(temporary, `${randomBytes(48).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
  return usable(readFileSync(file, 'utf8'), file);
}

function readKept(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function usable(text: string, file: string): string {
  const secret = text.trim();
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`${file} holds no usable secret; delete it and a new one is made on the next start`);
  }
  return secret;
}
