/**
 * Where the tests find Chromium and the PostgreSQL server: the same lookups as
 * scripts/test-prerequisites.js, the step that installs them before any test runs.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const prerequisites = require('../../scripts/test-prerequisites.js') as {
  chromiumPath(): string;
  postgresBinDir(): string | null;
};

export const PREREQUISITES_STEP =
  'run `node scripts/test-prerequisites.js` (`npm test` runs it first), which installs what is missing with apt-get as root, or says what to install';
