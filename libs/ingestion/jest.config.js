module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'ingestion',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.{spec,int-spec,e2e-spec}.ts'],
  testTimeout: 60_000,
  // htmlparser2 and its family ship ES modules only: compiled to CommonJS for jest like the sources.
  transform: { '^.+\\.[tj]s$': ['@swc/jest', require('../../tools/swc-options.cjs')()] },
  transformIgnorePatterns: ['/node_modules/(?!(htmlparser2|domhandler|domutils|entities|dom-serializer|domelementtype)/)'],
};
