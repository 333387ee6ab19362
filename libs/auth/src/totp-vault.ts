import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { secretFromKeyFile } from '@mapwork/kernel';
import { normaliseRecoveryCode } from './totp-codes';

const FORMAT = 'v1';

/**
 * Keeps one-time-password secrets unreadable to anyone with only the database: each is
 * encrypted with AES-256-GCM under a key derived from TOTP_KEY_FILE (outside the database,
 * created 0600 on first use, like the pseudonymisation key), with the user's id as
 * associated data, so a sealed secret cannot be moved to another account. Recovery codes
 * are kept as HMAC-SHA-256 under a second derived key: they are random (about 59 bits),
 * so a fast keyed hash is enough. The key file is read again when it changes (a rotation
 * by `mapwork totp-key rotate` replaces it), so running servers follow it.
 */
@Injectable()
export class TotpVault {
  private keys?: { version: string; seal: Buffer; codes: Buffer };

  constructor(private readonly config: ConfigService) {}

  /** The vault of another key file (a rotation's new key). */
  static forKeyFile(path: string): TotpVault {
    return new TotpVault(new ConfigService({ TOTP_KEY_FILE: path }));
  }

  get keyFile(): string {
    return resolve(this.config.get<string>('TOTP_KEY_FILE') ?? './data/totp.key');
  }

  seal(userId: string, secret: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key().seal, iv).setAAD(aad(userId));
    const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return [FORMAT, iv, ciphertext, cipher.getAuthTag()].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }

  open(userId: string, sealed: string): string {
    const [format, iv, ciphertext, tag] = sealed.split('.');
    try {
      if (format !== FORMAT) throw new Error(`unknown format ${format}`);
      const decipher = createDecipheriv('aes-256-gcm', this.key().seal, Buffer.from(iv, 'base64url')).setAAD(aad(userId));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new Error(
        `the one-time-password secret of user ${userId} cannot be decrypted: TOTP_KEY_FILE is not the key it was sealed with, or the row was altered`,
      );
    }
  }

  recoveryCodeHash(userId: string, code: string): string {
    return createHmac('sha256', this.key().codes).update(`${userId}\u0000${normaliseRecoveryCode(code)}`).digest('hex');
  }

  private key() {
    const version = fileVersion(this.keyFile);
    if (!this.keys || this.keys.version !== version) {
      const secret = secretFromKeyFile(this.keyFile);
      const derive = (purpose: string) => Buffer.from(hkdfSync('sha256', secret, Buffer.from('mapwork-totp'), Buffer.from(purpose), 32));
      this.keys = { version: fileVersion(this.keyFile), seal: derive('secret-encryption'), codes: derive('recovery-codes') };
    }
    return this.keys;
  }
}

function aad(userId: string) {
  return Buffer.from(`mapwork-totp:${userId}`);
}

/** Which file is at `path` now (a replaced file has another inode or time); empty when there is none yet. */
function fileVersion(path: string): string {
  try {
    const st = statSync(path);
    return `${st.ino}:${st.mtimeMs}:${st.size}`;
  } catch {
    return '';
  }
}
