// One SWC configuration for the build (tools/build.mjs) and for jest (@swc/jest).
// Path aliases of tsconfig.base.json are rewritten to relative imports at compile time,
// so the emitted JavaScript runs on plain `node` with no resolver hooks.
const path = require('node:path');
const root = path.resolve(__dirname, '..');
const { compilerOptions } = require(path.join(root, 'tsconfig.base.json'));

module.exports = function swcOptions() {
  return {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
      baseUrl: root,
      paths: compilerOptions.paths,
    },
    module: { type: 'commonjs' },
    sourceMaps: true,
  };
};
