import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource } from 'typeorm';

export interface IntegrityKey {
  /** short id recorded with every MAC made with the key */
  id: string;
  secret: Buffer;
}

export type MacCheck = 'ok' | 'mismatch' | 'unknown_key';

export const DEFAULT_INTEGRITY_KEY_FILE = './data/integrity.key';

const HEADER =
  '# mapwork integrity keys: keep this file outside the database and back it up apart from it.\n' +
  '# One key a line, "<id> <base64>"; the first is current, the others are retired keys kept to verify older MACs.\n';

/** Reads a key file's keys (first = current). */
export function parseKeyRing(text: string, path: string): IntegrityKey[] {
  const keys: IntegrityKey[] = [];
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^([A-Za-z0-9_-]{1,16})\s+([A-Za-z0-9+/=]+)$/.exec(line);
    const secret = m ? Buffer.from(m[2], 'base64') : Buffer.alloc(0);
    if (!m || secret.length < 32) throw new Error(`${path} line ${i + 1}: expected "<key id> <base64 of at least 32 bytes>"`);
    if (keys.some((k) => k.id === m[1])) throw new Error(`${path}: key id ${m[1]} appears twice`);
    keys.push({ id: m[1], secret });
  }
  if (!keys.length) throw new Error(`${path} holds no key`);
  return keys;
}

export function formatKeyRing(keys: IntegrityKey[]): string {
  return HEADER + keys.map((k) => `${k.id} ${k.secret.toString('base64')}`).join('\n') + '\n';
}

export function newIntegrityKey(): IntegrityKey {
  return { id: `k${randomBytes(4).toString('hex')}`, secret: randomBytes(32) };
}

/** HMAC-SHA-256 under a set of keys; `domain` separates what is MACed (a revision, a head, a checkpoint…). */
export class KeyRing {
  constructor(readonly keys: IntegrityKey[]) {
    if (!keys.length) throw new Error('a key ring needs a key');
  }

  get current(): IntegrityKey {
    return this.keys[0];
  }

  mac(domain: string, message: string): { keyId: string; mac: string } {
    return { keyId: this.current.id, mac: hmac(this.current.secret, domain, message) };
  }

  check(keyId: string, domain: string, message: string, mac: string): MacCheck {
    const key = this.keys.find((k) => k.id === keyId);
    if (!key) return 'unknown_key';
    const expected = Buffer.from(hmac(key.secret, domain, message), 'hex');
    const given = Buffer.from(mac, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected) ? 'ok' : 'mismatch';
  }
}

function hmac(secret: Buffer, domain: string, message: string): string {
  return createHmac('sha256', secret).update(`${domain}\u0000${message}`, 'utf8').digest('hex');
}

/**
 * The integrity key ring, from INTEGRITY_KEY_FILE (outside the database, like the
 * pseudonymisation key). Created with mode 0600 on first use, but only while the
 * database holds nothing sealed: a missing key file for a sealed database stops the
 * process instead of silently starting a new key that could not verify anything.
 */
/** The key file is gone while the database holds what it signed: a setting or file to restore, not a database fault. */
export class IntegrityKeyMissingError extends Error {}

@Injectable()
export class IntegrityKeys implements OnModuleInit {
  private loaded?: KeyRing;
  private mtimeMs = 0;

  constructor(
    private readonly config: ConfigService,
    private readonly dataSource: DataSource,
  ) {}

  get path(): string {
    return resolve(this.config.get<string>('INTEGRITY_KEY_FILE') ?? DEFAULT_INTEGRITY_KEY_FILE);
  }

  async onModuleInit(): Promise<void> {
    const file = this.path;
    if (!existsSync(file)) {
      const sealed = await this.sealedRows();
      if (sealed) {
        throw new IntegrityKeyMissingError(
          `the integrity key file ${file} is missing, but the database holds ${sealed}. ` +
            'Restore the key file from your backup (or set INTEGRITY_KEY_FILE to it); a new key could not verify anything already written, so mapwork will not start.',
        );
      }
      this.create(file);
    }
    this.read(file);
  }

  /** The keys; after onModuleInit. */
  ring(): KeyRing {
    if (!this.loaded) throw new Error('the integrity keys are not loaded yet');
    return this.loaded;
  }

  /** Re-reads the key file if it changed (after a rotation by another process). */
  refresh(): void {
    try {
      if (statSync(this.path).mtimeMs !== this.mtimeMs) this.read(this.path);
    } catch {
      // keep the keys in memory; the next rotation or restart reports the file
    }
  }

  /** A new current key; the previous ones stay in the file to verify what they MACed. */
  rotate(): IntegrityKey {
    const key = newIntegrityKey();
    const file = this.path;
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, formatKeyRing([key, ...this.ring().keys]), { mode: 0o600 });
    renameSync(temp, file);
    this.read(file);
    return key;
  }

  private create(file: string) {
    mkdirSync(dirname(file), { recursive: true });
    try {
      writeFileSync(file, formatKeyRing([newIntegrityKey()]), { mode: 0o600, flag: 'wx' });
    } catch (e) {
      // another process created it at the same moment: use theirs
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }

  private read(file: string) {
    try {
      chmodSync(file, 0o600);
    } catch {
      // a key mounted read-only (a secret store) is kept as it is mounted
    }
    this.loaded = new KeyRing(parseKeyRing(readFileSync(file, 'utf8'), file));
    this.mtimeMs = statSync(file).mtimeMs;
  }

  /** What in the database was sealed under a key (empty string when nothing). */
  private async sealedRows(): Promise<string> {
    const probes: Array<[string, string]> = [
      ['a seal record', 'SELECT 1 AS x FROM integrity_seal'],
      ['signed heads', 'SELECT 1 AS x FROM integrity_heads'],
      ['MACed revisions', 'SELECT 1 AS x FROM revisions WHERE mac IS NOT NULL'],
      ['MACed access-log entries', 'SELECT 1 AS x FROM case_access_log WHERE mac IS NOT NULL'],
    ];
    const found: string[] = [];
    for (const [what, sql] of probes) {
      try {
        if ((await this.dataSource.query(`${sql} LIMIT 1`)).length) found.push(what);
      } catch (e) {
        // a schema from before the integrity migration has nothing sealed
        if (!/no such (table|column)|does not exist/i.test((e as Error).message)) throw e;
      }
    }
    return found.join(', ');
  }
}
