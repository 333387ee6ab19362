import { PasswordHasher, UsersService } from '@mapwork/auth';
import { signInFrom } from '../test/support/from-address';
import { TestApp, createTestApp } from '../test/support/test-app';

/**
 * `npm run bench`: sign-in at the production hashing cost (scrypt N = 2^17): one hash, one
 * sign-in, and a sign-in from one address while another sends 64 wrong guesses at once
 * (and while 64 addresses each try one other username: more than the server's capacity,
 * which only more cores would help). Prints wall times; nothing is asserted.
 */
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

describe('sign-in benchmarks', () => {
  let t: TestApp;
  const rows: string[][] = [];
  beforeAll(async () => {
    t = await createTestApp({ settings: { SCRYPT_LOG_N: '17' } });
    await t.app.get(UsersService).createUser({ username: 'sam.worker', displayName: 'Sam Okafor', role: 'social_worker', password: 'signs-of-safety-demo' });
  });
  afterAll(async () => {
    await t.close();
    const widths = [0, 1].map((i) => Math.max(...rows.map((r) => r[i].length)));
    // eslint-disable-next-line no-console
    console.log(`\nsign-in at scrypt N = 2^17 (${t ? t.app.get(PasswordHasher).stats.slots : '?'} hashing slots)\n` + rows.map((r) => `${r[0].padEnd(widths[0])}  ${r[1].padStart(widths[1])}  ${r[2] ?? ''}`).join('\n'));
  });

  it('measures', async () => {
    const hasher = t.app.get(PasswordHasher);
    const hashes: number[] = [];
    for (let i = 0; i < 3; i++) {
      const start = process.hrtime.bigint();
      await hasher.hash('a passphrase to time');
      hashes.push(ms(start));
    }
    rows.push(['one hash (median of 3)', `${hashes.sort((a, b) => a - b)[1].toFixed(0)} ms`]);

    let start = process.hrtime.bigint();
    await signInFrom(t, '127.0.0.5', 'sam.worker', 'signs-of-safety-demo');
    rows.push(['one sign-in, nothing else going on', `${ms(start).toFixed(0)} ms`]);
    start = process.hrtime.bigint();
    await Promise.all([signInFrom(t, '127.0.0.5', 'sam.worker', 'signs-of-safety-demo'), hasher.hash('another client at the same time')]);
    rows.push(['one sign-in while one other hash runs', `${ms(start).toFixed(0)} ms`]);

    for (const [label, addressOf, usernameOf] of [
      ['64 wrong guesses at the user from one address', () => '127.0.0.66', () => 'sam.worker'],
      ['64 addresses guessing at 64 other usernames', (i: number) => `127.0.1.${i + 1}`, (i: number) => `someone.${i}`],
    ] as Array<[string, (i: number) => string, (i: number) => string]>) {
      t.clock.advance(16 * 60_000);
      start = process.hrtime.bigint();
      let userMs = 0;
      const flood = Promise.all(Array.from({ length: 64 }, (_, i) => signInFrom(t, addressOf(i), usernameOf(i), `guess ${i}!!!!!!!`)));
      const user = signInFrom(t, '127.0.0.77', 'sam.worker', 'signs-of-safety-demo').then((r) => ((userMs = ms(start)), r));
      const [answers, mine] = await Promise.all([flood, user]);
      const floodMs = ms(start);
      const count = (s: number) => answers.filter((a) => a.status === s).length;
      rows.push([`${label}: the user at another address`, `${userMs.toFixed(0)} ms`, `(${mine.status}; guesses: ${count(401)} × 401, ${count(429)} × 429, ${count(503)} × 503, all answered in ${floodMs.toFixed(0)} ms)`]);
    }
  });
});
