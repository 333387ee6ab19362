#!/usr/bin/env node
// The `mapwork` command: runs the compiled CLI (built by `npm install` through the prepare script).
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const entry = join(__dirname, '..', 'dist', 'apps', 'cli', 'src', 'main.js');
if (!existsSync(entry)) {
  process.stderr.write('mapwork: the CLI is not built yet; run `npm run build` in the repository first\n');
  process.exit(2);
}
const cli = require(entry);
// an error no command caught (a stream's, say) is still one line and an exit code, never a stack trace
const escaped = (error) => process.exit(cli.reportEscaped(error));
process.on('uncaughtException', escaped);
process.on('unhandledRejection', escaped);
// a reader that has had enough (`mapwork fidelity … | head`) is not an error
process.stdout.on('error', (error) => (error.code === 'EPIPE' ? process.exit(0) : escaped(error)));
cli.run(process.argv.slice(2)).then((code) => process.exit(code));
