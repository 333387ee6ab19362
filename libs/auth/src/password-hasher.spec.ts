import { ConfigService } from '@nestjs/config';
import { UnavailableError } from '@mapwork/kernel';
import { PasswordHasher } from './password-hasher';
import { hashPassword } from './password';

describe('PasswordHasher', () => {
  const hasher = (logN?: number) => new PasswordHasher(new ConfigService(logN === undefined ? {} : { SCRYPT_LOG_N: logN }));

  it('hashes at N = 2^17 unless configured otherwise, and says when a stored hash is older', async () => {
    expect(hasher().logN).toBe(17);
    const h = hasher(10);
    const stored = await h.hash('a passphrase of mine');
    expect(stored).toMatch(/^scrypt\$1024\$/);
    expect(h.needsRehash(stored)).toBe(false);
    expect(hasher(11).needsRehash(stored)).toBe(true);
    await expect(h.verify('a passphrase of mine', stored)).resolves.toBe(true);
    await expect(h.verify('a passphrase of mine', null)).resolves.toBe(false);
  });

  it('runs at most one hash per core, queues 32 more in order, and refuses the rest with 503 at once', async () => {
    const h = hasher(10);
    const stored = await hashPassword('a passphrase of mine', 10);
    const { slots } = h.stats;
    const calls = Array.from({ length: slots + 32 + 3 }, () => h.verify('a passphrase of mine', stored).then(() => 'checked', (e: unknown) => e));
    expect(h.stats).toMatchObject({ running: slots, queued: 32 });
    const results = await Promise.all(calls);
    expect(results.filter((r) => r === 'checked')).toHaveLength(slots + 32);
    const refused = results.filter((r) => r !== 'checked');
    expect(refused).toHaveLength(3);
    for (const r of refused) expect(r).toEqual(expect.any(UnavailableError));
    expect((refused[0] as UnavailableError).details).toMatchObject({ code: 'SIGN_IN_BUSY', retryAfter: 2 });
  });
});
