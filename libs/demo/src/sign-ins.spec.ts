import { readFileSync } from 'node:fs';
import { fromRepoRoot } from '@mapwork/kernel';
import { DemoUser, signInLines } from './sign-ins';

describe('the demo sign-ins printed by npm start', () => {
  const org = JSON.parse(readFileSync(fromRepoRoot('seeds/demo/organisation.json'), 'utf8')) as { password: string; users: DemoUser[] };
  const lines = signInLines(org);

  it('names every demo user in a few lines: a line per site, then those of no team', () => {
    expect(lines.length).toBe(6);
    expect(lines[0]).toBe('password for all: signs-of-safety-demo');
    for (const u of org.users) expect({ user: u.username, listed: lines.some((l) => l.split(/[\s,]+/).includes(u.username)) }).toEqual({ user: u.username, listed: true });
    expect(lines[4]).toMatch(/^P9 {2}managers morgan\.manager, lena\.manager +workers sam\.worker, /);
    expect(lines[5]).toBe('admin admin   evaluator eve.evaluator');
  });
});
