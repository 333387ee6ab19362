import { randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

/** RFC 6238 as every authenticator app reads it: HMAC-SHA-1, 6 digits, 30-second steps. */
const PARAMETERS = { algorithm: 'SHA1', digits: 6, period: 30 } as const;
/** Codes of the step before and after are accepted too, for clocks a little apart. */
const WINDOW = 1;
export const TOTP_ISSUER = 'mapwork';

/** A new secret: 160 random bits (RFC 4226 §4), in base32 as apps take it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** Whether a string is a base32 secret of at least 128 bits. */
export function isTotpSecret(base32: string): boolean {
  try {
    return /^[A-Z2-7]+=*$/.test(base32) && Secret.fromBase32(base32).buffer.byteLength >= 16;
  } catch {
    return false;
  }
}

function totp(secret: string, account = '') {
  return new TOTP({ issuer: TOTP_ISSUER, label: account, secret: Secret.fromBase32(secret), ...PARAMETERS });
}

/** The `otpauth://totp/…` URI an authenticator app scans. */
export function totpUri(secret: string, account: string): string {
  return totp(secret, account).toString();
}

/** The code for the step that holds `atMillis`. */
export function totpCode(secret: string, atMillis: number): string {
  return totp(secret).generate({ timestamp: atMillis });
}

/** The 30-second step that holds `atMillis`. */
export function totpStep(atMillis: number): number {
  return TOTP.counter({ period: PARAMETERS.period, timestamp: atMillis });
}

/** The step a code belongs to if it is right at `atMillis` (±1 step), else null. Replays are the caller's to refuse. */
export function totpCodeStep(secret: string, code: string, atMillis: number): number | null {
  if (!/^[0-9]{6}$/.test(code)) return null;
  const delta = totp(secret).validate({ token: code, timestamp: atMillis, window: WINDOW });
  return delta === null ? null : totpStep(atMillis) + delta;
}

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten single-use recovery codes such as `k7mq-2xpt-9bhw`: 12 characters of a 31-letter alphabet, about 59 bits each. */
export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: 12 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  });
}

/** A recovery code as typed (any case, with or without dashes and spaces) in the form it is stored under. */
export function normaliseRecoveryCode(input: string): string {
  return input.toLowerCase().replace(/[\s-]+/g, '');
}
