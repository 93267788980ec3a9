module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'messaging',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.{spec,int-spec,e2e-spec}.ts'],
  testTimeout: 60_000,
  globalSetup: '<rootDir>/../../tests/setup/kafka.global-setup.ts',
  globalTeardown: '<rootDir>/../../tests/setup/kafka.global-teardown.ts',
};
