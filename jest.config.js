/** Two projects: fast unit tests next to the code, and end-to-end tests through HTTP with a real database. */
const aliases = {
  '^@mapwork/(kernel|persistence|revisions|auth|casework|demo)$': '<rootDir>/libs/$1/src',
  '^@mapwork/(kernel|persistence|revisions|auth|casework|demo)/(.*)$': '<rootDir>/libs/$1/src/$2',
};
const common = {
  rootDir: __dirname,
  moduleFileExtensions: ['js', 'json', 'ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', isolatedModules: false }] },
  moduleNameMapper: aliases,
  testEnvironment: 'node',
};
module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'], testTimeout: 60000 },
  ],
};
