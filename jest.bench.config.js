/** `npm run bench`: speed and memory figures, kept out of `npm test`. */
const base = require('./jest.config.js');
const unit = base.projects[0];
module.exports = { ...unit, displayName: 'bench', testMatch: ['<rootDir>/bench/**/*.bench.ts'], testTimeout: 30 * 60_000 };
