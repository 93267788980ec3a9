module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'faults',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.{spec,int-spec,e2e-spec}.ts'],
  testTimeout: 300_000,
  // Ingestion's htmlparser2 family ships ES modules only: compiled to CommonJS for jest like the sources.
  transform: { '^.+\\.[tj]s$': ['@swc/jest', require('../../tools/swc-options.cjs')()] },
  transformIgnorePatterns: ['/node_modules/(?!(htmlparser2|domhandler|domutils|entities|dom-serializer|domelementtype)/)'],
  globalSetup: '<rootDir>/../../tests/setup/kafka.global-setup.ts',
  globalTeardown: '<rootDir>/../../tests/setup/kafka.global-teardown.ts',
};
