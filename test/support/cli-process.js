// The `mapwork` command from its TypeScript sources, in a process of its own: for tests
// that need a second process on the same database (test/support/cli.ts runs it in-process).
// Usage: node test/support/cli-process.js <mapwork arguments…>
const Module = require('node:module');
const path = require('node:path');

const root = path.join(__dirname, '..', '..');
const resolve = Module._resolveFilename;
// the path aliases of tsconfig.json: @mapwork/<lib>[/<file>] → libs/<lib>/src[/<file>]
Module._resolveFilename = function (request, ...rest) {
  const alias = /^@mapwork\/([a-z]+)(\/.*)?$/.exec(request);
  return resolve.call(this, alias ? path.join(root, 'libs', alias[1], 'src', alias[2] ?? '') : request, ...rest);
};
require('ts-node').register({ transpileOnly: true, project: path.join(root, 'tsconfig.json') });
require(path.join(root, 'apps', 'cli', 'src', 'main.ts'))
  .run(process.argv.slice(2))
  .then((code) => process.exit(code));
