// Two projects, chosen by name: `jest --selectProjects unit|integration`.
const transform = { '^.+\\.(t|j)sx?$': ['@swc/jest'] };
// hyparquet and its compressors ship only ES modules: let @swc/jest turn them into CommonJS too.
const transformIgnorePatterns = ['/node_modules/(?!(hyparquet|hyparquet-compressors|hysnappy|fzstd)/)'];

/** @type {import('jest').Config} */
module.exports = {
  reporters: ['default', '<rootDir>/test/reporters/summary-line.js'],
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/integration/global-setup.ts',
      globalTeardown: '<rootDir>/test/integration/global-teardown.ts',
    },
  ],
};
