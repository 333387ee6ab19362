import { hashPassword, verifyPassword } from './password';

describe('passwords', () => {
  it('hashes with scrypt and a fresh salt, and verifies', async () => {
    const a = await hashPassword('correct horse battery staple');
    const b = await hashPassword('correct horse battery staple');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    await expect(verifyPassword('correct horse battery staple', a)).resolves.toBe(true);
    await expect(verifyPassword('correct horse battery stapler', a)).resolves.toBe(false);
    await expect(verifyPassword('x', 'not-a-hash')).resolves.toBe(false);
  });
  it('treats canonically equivalent Unicode as the same password', async () => {
    const h = await hashPassword('caf\u00e9 au lait!!');
    await expect(verifyPassword('cafe\u0301 au lait!!', h)).resolves.toBe(true);
  });
});
