import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigService } from '@nestjs/config';
import { TotpVault } from './totp-vault';

describe('TotpVault', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mapwork-vault-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const vault = (file: string) => new TotpVault(new ConfigService({ TOTP_KEY_FILE: join(dir, file) }));

  it('seals a secret under a key file it creates 0600, and opens it for the same user only', () => {
    const v = vault('a.key');
    const sealed = v.seal('user-1', 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
    expect(statSync(join(dir, 'a.key')).mode & 0o777).toBe(0o600);
    expect(sealed).not.toContain('JBSWY3DP');
    expect(v.seal('user-1', 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP')).not.toBe(sealed);
    expect(v.open('user-1', sealed)).toBe('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
    expect(() => v.open('user-2', sealed)).toThrow(/cannot be decrypted/);
  });

  it('refuses an altered secret or another key', () => {
    const sealed = vault('a.key').seal('user-1', 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
    const [format, iv, ciphertext, tag] = sealed.split('.');
    const flipped = Buffer.from(ciphertext, 'base64url');
    flipped[0] ^= 1;
    expect(() => vault('a.key').open('user-1', [format, iv, flipped.toString('base64url'), tag].join('.'))).toThrow(/cannot be decrypted/);
    expect(() => vault('b.key').open('user-1', sealed)).toThrow(/TOTP_KEY_FILE is not the key it was sealed with/);
  });

  it('keys recovery codes to the user and reads them however they are typed', () => {
    const v = vault('a.key');
    expect(v.recoveryCodeHash('user-1', 'k7mq-2xpt-9bhw')).toBe(v.recoveryCodeHash('user-1', 'K7MQ 2XPT 9BHW'));
    expect(v.recoveryCodeHash('user-1', 'k7mq-2xpt-9bhw')).not.toBe(v.recoveryCodeHash('user-2', 'k7mq-2xpt-9bhw'));
    expect(v.recoveryCodeHash('user-1', 'k7mq-2xpt-9bhw')).toMatch(/^[0-9a-f]{64}$/);
  });
});
