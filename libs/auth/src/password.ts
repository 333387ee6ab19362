import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';

/**
 * Password hashes: scrypt with N = 2^logN, r = 8, p = 1 and a 16-byte salt, stored as
 * `scrypt$N$r$p$salt$key` (base64url), so the cost of each hash is known and a hash made
 * at a lower cost can be replaced at the user's next sign-in. At N = 2^17 one hash takes
 * 128 MiB of memory.
 */
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

/** What a stored hash may ask for: anything outside is not one of ours (or was tampered with), and is never computed. */
const STORED_LOG_N = { min: 10, max: 20 };

interface ParsedHash {
  n: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

function scrypt(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password.normalize('NFC'), salt, KEY_LENGTH, { N: n, r, p, maxmem: 256 * n * r }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

function parse(stored: string): ParsedHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [n, r, p] = parts.slice(1, 4).map(Number);
  const logN = Math.log2(n);
  if (!Number.isInteger(logN) || logN < STORED_LOG_N.min || logN > STORED_LOG_N.max || r !== R || p !== P) return null;
  const salt = Buffer.from(parts[4], 'base64url');
  const key = Buffer.from(parts[5], 'base64url');
  if (salt.length !== SALT_LENGTH || key.length !== KEY_LENGTH) return null;
  return { n, r, p, salt, key };
}

function format(n: number, salt: Buffer, key: Buffer): string {
  return `scrypt$${n}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function hashPassword(password: string, logN: number): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  return format(1 << logN, salt, await scrypt(password, salt, 1 << logN, R, P));
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const hash = parse(stored);
  if (!hash) return false;
  const key = await scrypt(password, hash.salt, hash.n, hash.r, hash.p);
  return timingSafeEqual(key, hash.key);
}

/** True when the hash was made at another cost than the current one (so it is replaced at the next sign-in). */
export function needsRehash(stored: string, logN: number): boolean {
  return parse(stored)?.n !== 1 << logN;
}

/** A hash at the current cost to compare against when the user does not exist, so timing does not tell. */
export function unknownUserHash(logN: number): string {
  return format(1 << logN, Buffer.alloc(SALT_LENGTH), Buffer.alloc(KEY_LENGTH));
}
