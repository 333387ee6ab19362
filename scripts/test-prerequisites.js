#!/usr/bin/env node
/*
 * What the test suite needs beyond node_modules, checked (and installed from Debian's
 * packages when missing and we may) before any test runs, so a test never installs
 * anything inside its own time limit:
 *
 *   chromium    Debian's Chromium, for the printable pages (never a browser download)
 *   postgresql  the PostgreSQL server binaries (initdb, pg_ctl), for the second e2e run
 *
 * `npm test` runs this first (pretest); `npm run test:sqlite` and `test:postgres` check
 * again what they need (--quiet: nothing is printed when it is all there).
 * Usage: node scripts/test-prerequisites.js [--quiet] [chromium] [postgresql]   (default: both)
 *
 * Where it looks: CHROMIUM_PATH (default /usr/bin/chromium); POSTGRES_BIN, a folder with
 * initdb and pg_ctl (default the newest /usr/lib/postgresql/<version>/bin, else PATH).
 * It installs with apt-get only as root; MAPWORK_NO_INSTALL=1 forbids installing.
 * Exit 0 when everything is there, 1 (with what to install) when it is not.
 */
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const executable = (path) => {
  try {
    return statSync(path).isFile() && (statSync(path).mode & 0o111) !== 0;
  } catch {
    return false;
  }
};

/** Debian's Chromium, or the one CHROMIUM_PATH names. */
function chromiumPath() {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

const hasServerTools = (dir) => executable(join(dir, 'initdb')) && executable(join(dir, 'pg_ctl'));

/** The folder of initdb and pg_ctl, or null when they are not installed. */
function postgresBinDir() {
  if (process.env.POSTGRES_BIN) return hasServerTools(process.env.POSTGRES_BIN) ? process.env.POSTGRES_BIN : null;
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base).filter((v) => hasServerTools(join(base, v, 'bin'))).sort((a, b) => Number(b) - Number(a));
    if (versions.length) return join(base, versions[0], 'bin');
  }
  const onPath = (process.env.PATH || '').split(':').find((dir) => dir && hasServerTools(dir));
  return onPath || null;
}

const PREREQUISITES = {
  chromium: { what: 'Chromium', package: 'chromium', find: () => (executable(chromiumPath()) ? chromiumPath() : null), where: () => `at ${chromiumPath()} (CHROMIUM_PATH)` },
  postgresql: { what: 'the PostgreSQL server (initdb, pg_ctl)', package: 'postgresql', find: postgresBinDir, where: () => (process.env.POSTGRES_BIN ? `in ${process.env.POSTGRES_BIN} (POSTGRES_BIN)` : 'in /usr/lib/postgresql/*/bin or on PATH') },
};

const say = (line) => process.stdout.write(`test prerequisites: ${line}\n`);

/** Runs apt-get quietly; returns null when it worked, else why not. */
function aptGet(args) {
  const result = spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (result.error) return `apt-get could not be run (${result.error.code || result.error.message})`;
  return result.status === 0 ? null : `apt-get ${args.filter((a) => !a.startsWith('-')).join(' ')} failed (exit ${result.status})`;
}

function main(argv) {
  const quiet = argv.includes('--quiet');
  const names = argv.filter((a) => a !== '--quiet');
  const wanted = names.length ? names : Object.keys(PREREQUISITES);
  const unknown = wanted.filter((n) => !PREREQUISITES[n]);
  if (unknown.length) {
    process.stderr.write(`test prerequisites: unknown ${unknown.join(', ')}; choose from ${Object.keys(PREREQUISITES).join(', ')}\n`);
    return 2;
  }
  const missing = [];
  for (const name of wanted) {
    const p = PREREQUISITES[name];
    const found = p.find();
    if (!found) missing.push(name);
    else if (!quiet) say(`${p.what}: ${found}`);
  }
  if (!missing.length) return 0;

  const packages = missing.map((n) => PREREQUISITES[n].package);
  for (const n of missing) say(`${PREREQUISITES[n].what}: not found ${PREREQUISITES[n].where()}`);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const cannot = (why) => {
    process.stderr.write(
      `test prerequisites: ${why}.\n` +
        `  Install ${packages.join(' and ')} first: sudo apt-get install ${packages.join(' ')}\n` +
        `  (or point CHROMIUM_PATH at a Chromium and POSTGRES_BIN at a folder with initdb and pg_ctl), then run the tests again.\n`,
    );
    return 1;
  };
  if (process.env.MAPWORK_NO_INSTALL === '1') return cannot('not installing anything, as MAPWORK_NO_INSTALL=1 asks');
  if (!isRoot) return cannot('installing packages needs root, and this is not root');

  say(`installing ${packages.join(' ')} with apt-get (this takes a few minutes, once)`);
  say('apt-get update');
  let failed = aptGet(['update', '-qq']);
  if (!failed) {
    say(`apt-get install ${packages.join(' ')}`);
    failed = aptGet(['install', '-y', '-qq', ...packages]);
  }
  if (failed) return cannot(failed);
  const still = missing.filter((n) => !PREREQUISITES[n].find());
  if (still.length) return cannot(`apt-get installed ${packages.join(' ')}, but ${still.map((n) => PREREQUISITES[n].what).join(' and ')} is still not found ${still.map((n) => PREREQUISITES[n].where()).join(', ')}`);
  for (const n of missing) say(`${PREREQUISITES[n].what}: installed, ${PREREQUISITES[n].find()}`);
  return 0;
}

module.exports = { chromiumPath, postgresBinDir };

if (require.main === module) process.exitCode = main(process.argv.slice(2));
