import { hashPassword, needsRehash, unknownUserHash, verifyPassword } from './password';

describe('passwords', () => {
  it('hashes with scrypt and a fresh salt, and verifies', async () => {
    const a = await hashPassword('correct horse battery staple', 10);
    const b = await hashPassword('correct horse battery staple', 10);
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(a).not.toBe(b);
    await expect(verifyPassword('correct horse battery staple', a)).resolves.toBe(true);
    await expect(verifyPassword('correct horse battery stapler', a)).resolves.toBe(false);
    await expect(verifyPassword('x', 'not-a-hash')).resolves.toBe(false);
  });

  it('treats canonically equivalent Unicode as the same password', async () => {
    const h = await hashPassword('caf\u00e9 au lait!!', 10);
    await expect(verifyPassword('cafe\u0301 au lait!!', h)).resolves.toBe(true);
  });

  it('hashes at the production cost, N = 2^17, and verifies hashes made at an older cost', async () => {
    const production = await hashPassword('a passphrase for production', 17);
    expect(production).toMatch(/^scrypt\$131072\$8\$1\$/);
    await expect(verifyPassword('a passphrase for production', production)).resolves.toBe(true);
    // a hash as the server wrote them before (N = 2^15) still verifies, and is due for a rehash
    const older = await hashPassword('a passphrase for production', 15);
    await expect(verifyPassword('a passphrase for production', older)).resolves.toBe(true);
    expect(needsRehash(older, 17)).toBe(true);
    expect(needsRehash(production, 17)).toBe(false);
  });

  it('refuses to compute a stored hash whose cost is out of bounds (a tampered row cannot make the server use gigabytes)', async () => {
    const h = await hashPassword('a passphrase of mine', 10);
    const huge = h.replace('$1024$', `$${2 ** 24}$`);
    await expect(verifyPassword('a passphrase of mine', huge)).resolves.toBe(false);
    await expect(verifyPassword('a passphrase of mine', h.replace('$8$1$', '$16$1$'))).resolves.toBe(false);
    expect(needsRehash(huge, 10)).toBe(true);
  });

  it('has a hash for unknown users at the current cost that nothing verifies against', async () => {
    expect(unknownUserHash(17)).toMatch(/^scrypt\$131072\$8\$1\$/);
    await expect(verifyPassword('', unknownUserHash(10))).resolves.toBe(false);
  });
});
