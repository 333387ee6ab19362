import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DemoSeeder } from '@mapwork/demo';
import { fromRepoRoot } from '@mapwork/kernel';
import { TestApp, createTestApp } from './support/test-app';

/** The bash block under a README heading, exactly as a reader would paste it. */
function readmeBlock(heading: string): string {
  const readme = readFileSync(fromRepoRoot('README.md'), 'utf8');
  const at = readme.indexOf(`\n${heading}\n`);
  if (at < 0) throw new Error(`README has no heading ${heading}`);
  const block = /```bash\n([\s\S]*?)\n```/.exec(readme.slice(at));
  if (!block) throw new Error(`no bash block under ${heading}`);
  return block[1];
}

function bash(script: string, env: Record<string, string>, cwd: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', `set -euo pipefail\n${script}`], { cwd, env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

/** The README's walk through a whole audit round, run as written against the seeded demo. */
describe('the README walkthrough of an audit round (e2e)', () => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    t = await createTestApp({ start: '2020-04-20T09:00:00.000Z' });
    await t.app.get(DemoSeeder).seedIfEmpty();
    await t.app.listen(0, '127.0.0.1');
    dir = mkdtempSync(join(tmpdir(), 'mapwork-walkthrough-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  it('takes a manager from plan to moderated report with the commands as written', async () => {
    const port = (t.app.getHttpServer().address() as AddressInfo).port;
    const run = await bash(readmeBlock('### A whole round on the demo'), { API: `http://127.0.0.1:${port}/api/v1` }, dir);
    expect({ code: run.code, err: run.err }).toEqual({ code: 0, err: '' });
    const lines = run.out.trim().split('\n');
    expect(lines.slice(0, 2)).toEqual(['P9-0001: Morgan Reid with Sam Okafor', 'P9-0002: Morgan Reid with Tariq Hussain']);
    expect(run.out).toMatch(/mapping_recorded: true/);
    expect(lines.slice(-5, -1)).toEqual(['true', 'moderation', 'moderated by Lena Fischer', 'closed']);
    expect(JSON.parse(lines[lines.length - 1])).toEqual({
      cases: 1,
      signedOff: 1,
      withdrawn: ['P9-0002'],
      grades: { outstanding: 0, good: 1, requires_improvement: 0, inadequate: 0 },
      moderated: 1,
    });
    const page = join(dir, 'round-report.html');
    expect(existsSync(page)).toBe(true);
    expect(readFileSync(page, 'utf8')).toContain('Spring 2020 audits');
    expect(readFileSync(page, 'utf8')).toContain('the family moved to another authority');
  });
});
