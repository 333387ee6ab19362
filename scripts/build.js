#!/usr/bin/env node
/*
 * The build, as steps. `npm run build` runs every step; `npm start` runs
 * `node scripts/build.js --if-stale`, which runs only the steps whose inputs changed
 * since their last successful run (or whose outputs are gone), so a start with nothing
 * changed does not compile anything.
 *
 * "Changed" is decided by content, not by modification times: each step's digest is a
 * SHA-256 over the paths and bytes of its input files and over its commands, and the
 * digests of the last successful build are kept in dist/.build-stamp.json. A `git pull`,
 * a checkout or a copy that keeps old times is therefore still seen.
 *
 * A new step (a stylesheet build, say) is one more entry in STEPS: its inputs (folders
 * and files, read recursively), the outputs it cleans first and the files it must leave,
 * and its commands.
 */
const { execFileSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { join, sep } = require('node:path');

const ROOT = join(__dirname, '..');
const STAMP = join(ROOT, 'dist', '.build-stamp.json');

const STEPS = [
  {
    // the server and the CLI: TypeScript to dist/, path aliases made relative, and the
    // case-file schema compiled to code (loading it is much faster than compiling it)
    name: 'code',
    inputs: ['apps', 'libs', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'],
    // what tsconfig.build.json leaves out does not change the build
    ignore: (path) => path.endsWith('.spec.ts') || path.startsWith(`libs${sep}statistics${sep}reference${sep}`) || path.startsWith(`libs${sep}web${sep}assets${sep}`),
    clean: ['dist/apps', 'dist/libs'],
    outputs: ['dist/apps/api/src/main.js', 'dist/apps/cli/src/main.js', 'dist/libs/casefile/src/schema/casefile.validators.js'],
    commands: [
      ['tsc', '-p', 'tsconfig.build.json'],
      ['tsc-alias', '-p', 'tsconfig.build.json'],
      ['node', '-e', "require('./dist/libs/casefile/src/schema/validators.js').writeValidators()"],
    ],
  },
  {
    // the pages' stylesheet (GOV.UK Frontend's Sass and the project's rules) and scripts;
    // this step's digest is also their version, the path pages link them under
    name: 'assets',
    inputs: ['libs/web/assets', 'node_modules/govuk-frontend/package.json', 'scripts/build-assets.js'],
    ignore: () => false,
    // scripts/build-assets.js replaces dist/assets in one rename, so a running server never sees half of it
    clean: [],
    outputs: ['dist/assets/application.css', 'dist/assets/version.txt'],
    commands: [['node', 'scripts/build-assets.js']],
  },
];

/** Every file under the given folders and files, as paths relative to the root, in code-point order. */
function listFiles(root, entries, ignore = () => false) {
  const out = [];
  const walk = (rel) => {
    const abs = join(root, rel);
    if (!existsSync(abs)) return;
    if (statSync(abs).isDirectory()) {
      for (const name of readdirSync(abs)) if (name !== 'node_modules') walk(join(rel, name));
    } else if (!ignore(rel)) out.push(rel);
  };
  for (const e of entries) walk(e);
  // code-point order (not locale order), so the digest is the same on every machine
  return [...new Set(out)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The digest of a step: its commands, then each input file's path and content. Pure: the
 * same files (in any order) and commands give the same digest; any other path, byte or
 * command gives another.
 */
function digestOf(files, commands) {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(commands));
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const path = f.path.split(sep).join('/');
    hash.update(`\0${path}\0${f.content.length}\0`);
    hash.update(f.content);
  }
  return hash.digest('hex');
}

/**
 * The steps that must run: a step runs when its digest differs from the one recorded at
 * its last successful run (none recorded: it never ran here) or when one of its outputs
 * is missing. Pure, so the decision can be tested without building anything.
 */
function staleSteps(steps, { recorded, digests, outputsPresent }) {
  return steps.filter((s) => recorded[s.name] !== digests[s.name] || !outputsPresent[s.name]).map((s) => s.name);
}

/** The digests of the last successful runs, of the steps that still exist. */
function readStamp() {
  try {
    const recorded = JSON.parse(readFileSync(STAMP, 'utf8'));
    return Object.fromEntries(STEPS.filter((s) => typeof recorded[s.name] === 'string').map((s) => [s.name, recorded[s.name]]));
  } catch {
    return {};
  }
}

function currentDigest(step) {
  const files = listFiles(ROOT, step.inputs, step.ignore).map((path) => ({ path, content: readFileSync(join(ROOT, path)) }));
  return digestOf(files, step.commands);
}

function runStep(step) {
  for (const out of step.clean) rmSync(join(ROOT, out), { recursive: true, force: true });
  for (const [command, ...args] of step.commands) {
    // `node` is this Node; anything else a tool the project installs
    execFileSync(command === 'node' ? process.execPath : join(ROOT, 'node_modules', '.bin', command), args, { cwd: ROOT, stdio: 'inherit' });
  }
  const missing = step.outputs.filter((o) => !existsSync(join(ROOT, o)));
  if (missing.length) throw new Error(`the ${step.name} step did not write ${missing.join(', ')}`);
}

function main(argv) {
  const ifStale = argv.includes('--if-stale');
  const recorded = readStamp();
  const digests = Object.fromEntries(STEPS.map((s) => [s.name, currentDigest(s)]));
  const outputsPresent = Object.fromEntries(STEPS.map((s) => [s.name, s.outputs.every((o) => existsSync(join(ROOT, o)))]));
  const toRun = ifStale ? staleSteps(STEPS, { recorded, digests, outputsPresent }) : STEPS.map((s) => s.name);
  if (!toRun.length) {
    process.stdout.write(`build: up to date (${STEPS.map((s) => s.name).join(', ')} unchanged since the last build)\n`);
    return 0;
  }
  for (const step of STEPS.filter((s) => toRun.includes(s.name))) {
    process.stdout.write(`build: ${step.name}${ifStale ? (recorded[step.name] ? ' (its inputs changed)' : ' (not built here yet)') : ''}\n`);
    // forgotten before the step runs: a step that fails or is stopped half-way runs again next time
    delete recorded[step.name];
    writeStamp(recorded);
    try {
      runStep(step);
    } catch (e) {
      process.stderr.write(`build: the ${step.name} step failed${e.status ? ` (exit ${e.status})` : `: ${e.message}`}\n`);
      return 1;
    }
    recorded[step.name] = digests[step.name];
    writeStamp(recorded);
  }
  return 0;
}

function writeStamp(recorded) {
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  writeFileSync(STAMP, JSON.stringify(recorded, null, 2) + '\n');
}

module.exports = { STEPS, listFiles, digestOf, staleSteps, currentDigest };

if (require.main === module) process.exitCode = main(process.argv.slice(2));
