import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/*
 * The step `npm test` runs first. Nothing here installs a package: apt-get is a fake
 * that records how it was called, and where the script looks is pointed at folders
 * made here (CHROMIUM_PATH, POSTGRES_BIN).
 */
const SCRIPT = join(__dirname, 'test-prerequisites.js');
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

describe('scripts/test-prerequisites.js', () => {
  let dir: string;
  let fakeApt: string;
  let calls: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mapwork-prerequisites-'));
    chmodSync(dir, 0o777);
    fakeApt = join(dir, 'fake-bin');
    mkdirSync(fakeApt, { mode: 0o755 });
    calls = join(dir, 'apt-get.calls');
    writeFileSync(join(fakeApt, 'apt-get'), `#!/bin/sh\necho "$@" >> "${calls}"\nexit 100\n`, { mode: 0o755 });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const executable = (path: string) => writeFileSync(path, '#!/bin/sh\n', { mode: 0o755 });
  const nothingThere = () => ({ CHROMIUM_PATH: join(dir, 'no-chromium'), POSTGRES_BIN: join(dir, 'no-postgres') });
  function run(env: Record<string, string>, options: { asUser?: string; args?: string[] } = {}) {
    // another user may not be able to read the checkout (a clone in a private temp folder): run a copy
    let script = SCRIPT;
    if (options.asUser) {
      script = join(dir, 'test-prerequisites.js');
      copyFileSync(SCRIPT, script);
      chmodSync(script, 0o644);
    }
    const command = options.asUser ? ['runuser', '-u', options.asUser, '--', process.execPath] : [process.execPath];
    const result = spawnSync(command[0], [...command.slice(1), script, ...(options.args ?? [])], {
      encoding: 'utf8',
      env: { PATH: `${fakeApt}:/usr/sbin:/usr/bin:/sbin:/bin`, ...env },
    });
    return { code: result.status, out: result.stdout, err: result.stderr, aptCalls: existsSync(calls) ? readFileSync(calls, 'utf8').trim().split('\n') : [] };
  }

  it('says where it found Chromium and the PostgreSQL server, and installs nothing', () => {
    const bin = join(dir, 'pg-bin');
    mkdirSync(bin);
    executable(join(bin, 'initdb'));
    executable(join(bin, 'pg_ctl'));
    executable(join(dir, 'chromium'));
    const res = run({ CHROMIUM_PATH: join(dir, 'chromium'), POSTGRES_BIN: bin });
    expect(res).toMatchObject({ code: 0, err: '', aptCalls: [] });
    expect(res.out).toBe(`test prerequisites: Chromium: ${join(dir, 'chromium')}\ntest prerequisites: the PostgreSQL server (initdb, pg_ctl): ${bin}\n`);
  });

  it('checks only what it is asked for, and with --quiet says nothing when it is there', () => {
    executable(join(dir, 'chromium'));
    const res = run({ CHROMIUM_PATH: join(dir, 'chromium'), POSTGRES_BIN: join(dir, 'no-postgres') }, { args: ['chromium'] });
    expect(res).toMatchObject({ code: 0, aptCalls: [] });
    expect(res.out).not.toContain('PostgreSQL');
    expect(run({ CHROMIUM_PATH: join(dir, 'chromium') }, { args: ['--quiet', 'chromium'] })).toMatchObject({ code: 0, out: '', err: '' });
  });

  const whatToInstall = /Install chromium and postgresql first: sudo apt-get install chromium postgresql\n/;

  // run as `nobody` when the tests run as root, so the branch is the real one
  it('as a user who is not root: names what is missing and what to install, exit 1, and installs nothing', () => {
    const res = run(nothingThere(), isRoot ? { asUser: 'nobody' } : {});
    expect(res.code).toBe(1);
    expect(res.out).toContain(`Chromium: not found at ${join(dir, 'no-chromium')} (CHROMIUM_PATH)`);
    expect(res.out).toContain(`the PostgreSQL server (initdb, pg_ctl): not found in ${join(dir, 'no-postgres')} (POSTGRES_BIN)`);
    expect(res.err).toMatch(/^test prerequisites: installing packages needs root, and this is not root\.\n/);
    expect(res.err).toMatch(whatToInstall);
    expect(res.aptCalls).toEqual([]);
  });

  it('with MAPWORK_NO_INSTALL=1: says what to install, exit 1, and installs nothing', () => {
    const res = run({ ...nothingThere(), MAPWORK_NO_INSTALL: '1' });
    expect(res.code).toBe(1);
    expect(res.err).toMatch(/^test prerequisites: not installing anything, as MAPWORK_NO_INSTALL=1 asks\.\n/);
    expect(res.err).toMatch(whatToInstall);
    expect(res.aptCalls).toEqual([]);
  });

  (isRoot ? it : it.skip)('as root, when apt-get fails: updates first, then says apt-get failed and what to install, exit 1', () => {
    const res = run(nothingThere());
    expect(res.code).toBe(1);
    expect(res.aptCalls).toEqual(['update -qq']);
    expect(res.out).toContain('test prerequisites: installing chromium postgresql with apt-get');
    expect(res.err).toMatch(/^test prerequisites: apt-get update failed \(exit 100\)\.\n/);
    expect(res.err).toMatch(whatToInstall);
  });
});
