// Two projects, chosen by name: `jest --selectProjects unit|integration`.
// The AWS SDK warns once per process on Node 20 that future releases need Node 22; the tests know.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const transform = { '^.+\\.(t|j)sx?$': ['@swc/jest'] };
// middy 6 and hyparquet (with its compressors) ship ES modules only; swc compiles them to CommonJS
// for jest like our own code.
const transformIgnorePatterns = [
  '/node_modules/(?!(@middy|hyparquet|hyparquet-compressors|hysnappy|fzstd)/)',
];

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
      // Real servers and processes on a 2-core CI machine: allow for a slow moment, not a hang.
      testTimeout: 60_000,
      globalSetup: '<rootDir>/test/integration/global-setup.ts',
      globalTeardown: '<rootDir>/test/integration/global-teardown.ts',
    },
  ],
};
