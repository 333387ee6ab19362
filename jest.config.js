/** Two projects: fast unit tests next to the code, and end-to-end tests through HTTP with a real database. */
const aliases = {
  '^@mapwork/(kernel|persistence|revisions|auth|casework|demo|statistics|fidelity|casefile|evaluation|audits|charts|web)$': '<rootDir>/libs/$1/src',
  '^@mapwork/(kernel|persistence|revisions|auth|casework|demo|statistics|fidelity|casefile|evaluation|audits|charts|web)/(.*)$': '<rootDir>/libs/$1/src/$2',
};
const common = {
  rootDir: __dirname,
  moduleFileExtensions: ['js', 'json', 'ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', isolatedModules: false }] },
  moduleNameMapper: aliases,
  testEnvironment: 'node',
  testTimeout: 60000,
};
module.exports = {
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts', '<rootDir>/scripts/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
