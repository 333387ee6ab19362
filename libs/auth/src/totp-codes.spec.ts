import { isTotpSecret, newRecoveryCodes, newTotpSecret, normaliseRecoveryCode, totpCode, totpCodeStep, totpStep, totpUri } from './totp-codes';

// RFC 6238 Appendix B: the SHA-1 seed "12345678901234567890", whose 8-digit codes end in these 6 digits
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const RFC_VECTORS: Array<[number, string]> = [
  [59, '287082'],
  [1111111109, '081804'],
  [1111111111, '050471'],
  [1234567890, '005924'],
  [2000000000, '279037'],
];

describe('one-time passwords (RFC 6238)', () => {
  it('computes the RFC 6238 test vectors (SHA-1, 30 s, last 6 digits)', () => {
    for (const [seconds, code] of RFC_VECTORS) expect(totpCode(RFC_SECRET, seconds * 1000)).toBe(code);
  });

  it('accepts the code of the step before and after, and nothing further', () => {
    const at = 1_700_000_000_000;
    const step = totpStep(at);
    expect(totpCodeStep(RFC_SECRET, totpCode(RFC_SECRET, at), at)).toBe(step);
    expect(totpCodeStep(RFC_SECRET, totpCode(RFC_SECRET, at - 30_000), at)).toBe(step - 1);
    expect(totpCodeStep(RFC_SECRET, totpCode(RFC_SECRET, at + 30_000), at)).toBe(step + 1);
    expect(totpCodeStep(RFC_SECRET, totpCode(RFC_SECRET, at - 60_000), at)).toBeNull();
    expect(totpCodeStep(RFC_SECRET, '12345', at)).toBeNull();
    expect(totpCodeStep(RFC_SECRET, ' 287082', at)).toBeNull();
  });

  it('makes 160-bit secrets and a URI an app can scan', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(isTotpSecret(secret)).toBe(true);
    expect(isTotpSecret('NOT A SECRET')).toBe(false);
    expect(isTotpSecret('GEZDGNBV')).toBe(false);
    expect(totpUri(secret, 'sam.worker')).toBe(`otpauth://totp/mapwork:sam.worker?issuer=mapwork&secret=${secret}&algorithm=SHA1&digits=6&period=30`);
  });

  it('makes ten distinct recovery codes and reads them back however they are typed', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(normaliseRecoveryCode(' K7MQ-2XPT 9bhw ')).toBe('k7mq2xpt9bhw');
  });
});
