module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'site-theme',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.{spec,int-spec,e2e-spec}.ts'],
};
