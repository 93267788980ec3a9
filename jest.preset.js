// Shared jest settings: SWC transform (same options as the build), node environment.
const swcOptions = require('./tools/swc-options.cjs')();

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', swcOptions] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};
