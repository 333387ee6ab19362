import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { hkdfSync, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

/**
 * Each site's pseudonymisation key, derived (HKDF-SHA-256) from one server secret, so
 * pseudonyms are stable for a site across exports and differ between sites. The secret
 * lives in a file outside the database (created with 0600 on first use) so a database
 * copy alone cannot re-identify anyone.
 */
@Injectable()
export class SiteKeys {
  private secret?: Buffer;

  constructor(private readonly config: ConfigService) {}

  keyFor(site: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.serverSecret(), Buffer.from('mapwork-pseudonyms'), Buffer.from(`site:${site}`), 32));
  }

  private serverSecret(): Buffer {
    if (this.secret) return this.secret;
    const file = resolve(this.config.get<string>('PSEUDONYMISATION_KEY_FILE') ?? './data/pseudonymisation.key');
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    }
    chmodSync(file, 0o600);
    this.secret = readKeyFile(file);
    return this.secret;
  }
}

/** A key file holds base64 (or hex) of at least 16 random bytes. */
export function readKeyFile(path: string): Buffer {
  const text = readFileSync(path, 'utf8').trim();
  const key = /^[0-9a-f]+$/i.test(text) && text.length % 2 === 0 ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length < 16) throw new Error(`the key file ${path} must hold at least 16 bytes (base64 or hex)`);
  return key;
}
