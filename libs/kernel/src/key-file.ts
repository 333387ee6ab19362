import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** A key file holds base64 (or hex) of at least 16 random bytes. */
export function readKeyFile(path: string): Buffer {
  const text = readFileSync(path, 'utf8').trim();
  const key = /^[0-9a-f]+$/i.test(text) && text.length % 2 === 0 ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length < 16) throw new Error(`the key file ${path} must hold at least 16 bytes (base64 or hex)`);
  return key;
}

/**
 * A server secret kept in a file outside the database: created with 32 random bytes and
 * mode 0600 on first use (never overwritten), and kept at 0600.
 */
export function secretFromKeyFile(path: string): Buffer {
  const file = resolve(path);
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // another process created it first: use theirs
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  chmodSync(file, 0o600);
  return readKeyFile(file);
}
