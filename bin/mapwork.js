#!/usr/bin/env node
// The `mapwork` command: runs the compiled CLI (built by `npm install` through the prepare script).
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const entry = join(__dirname, '..', 'dist', 'apps', 'cli', 'src', 'main.js');
if (!existsSync(entry)) {
  process.stderr.write('mapwork: the CLI is not built yet; run `npm run build` in the repository first\n');
  process.exit(2);
}
require(entry).run(process.argv.slice(2)).then((code) => process.exit(code));
