// `node -r ./tools/swc-register.cjs file.ts`: runs TypeScript sources directly (child processes in tests).
const { transformSync } = require('@swc/core');
const options = require('./swc-options.cjs')();

require.extensions['.ts'] = function compile(module, filename) {
  const { code } = transformSync(require('node:fs').readFileSync(filename, 'utf8'), {
    ...options,
    filename,
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};
