#!/usr/bin/env node
/**
 * Builds the pages' assets into dist/assets: application.css (GOV.UK Frontend's Sass
 * with a system font stack, and the project's own rules), GOV.UK Frontend's JavaScript,
 * and the project's script and icon. The server serves them under /assets/<version>.
 *
 * This is the `assets` step of scripts/build.js, which names its inputs
 * (libs/web/assets/*, govuk-frontend's package.json, this script); their digest is the
 * assets' version, kept in dist/assets/version.txt. When it matches, nothing is rebuilt,
 * so the browser tests run this directly at little cost. Several processes may run it
 * at once (test workers): each builds into a folder of its own and the last rename wins
 * with the same content.
 */
const { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');

const root = join(__dirname, '..');
const sources = join(root, 'libs', 'web', 'assets');
const govuk = join(root, 'node_modules', 'govuk-frontend');
const out = join(root, 'dist', 'assets');

function files(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]))
    .sort();
}

function inputsHash() {
  const { STEPS, currentDigest } = require('./build.js');
  return currentDigest(STEPS.find((s) => s.name === 'assets'));
}

function build() {
  const version = inputsHash();
  const stamp = join(out, 'version.txt');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === version) return { version, built: false };
  const sass = require('sass');
  const tmp = `${out}.${process.pid}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const css = sass.compile(join(sources, 'application.scss'), {
    loadPaths: [join(root, 'node_modules')],
    style: 'compressed',
    quietDeps: true,
  }).css;
  writeFileSync(join(tmp, 'application.css'), css);
  for (const name of ['govuk-frontend.min.js', 'govuk-frontend.min.js.map']) cpSync(join(govuk, 'dist', 'govuk', name), join(tmp, name));
  for (const file of files(sources).filter((f) => !f.endsWith('.scss'))) cpSync(file, join(tmp, relative(sources, file)));
  writeFileSync(join(tmp, 'version.txt'), `${version}\n`);
  rmSync(out, { recursive: true, force: true });
  try {
    renameSync(tmp, out);
  } catch (error) {
    // another process finished first with the same inputs
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(stamp)) throw error;
  }
  return { version, built: true };
}

module.exports = { build };

if (require.main === module) {
  const started = Date.now();
  const { version, built } = build();
  console.log(`assets ${built ? 'built' : 'up to date'} in dist/assets (version ${version.slice(0, 12)}, ${Date.now() - started} ms)`);
}
