module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'standalone',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.{spec,int-spec,e2e-spec}.ts'],
  testTimeout: 120_000,
  // Ingestion's htmlparser2 family ships ES modules only: compiled to CommonJS as in libs/ingestion/jest.config.js.
  transform: { '^.+\\.[tj]s$': ['@swc/jest', require('../../tools/swc-options.cjs')()] },
  transformIgnorePatterns: ['/node_modules/(?!(htmlparser2|domhandler|domutils|entities|dom-serializer|domelementtype)/)'],
};
