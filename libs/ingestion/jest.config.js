module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'ingestion',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.{spec,int-spec,e2e-spec}.ts'],
  testTimeout: 60_000,
};
