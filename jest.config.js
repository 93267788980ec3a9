// `npm test` runs every project below in one jest invocation (one Kafka broker for the whole run).
// Each project keeps its own jest.config.js so `nx test <project>` works alone as well.
const { readdirSync, existsSync } = require('node:fs');
const path = require('node:path');

const roots = ['libs', 'apps']
  .flatMap((dir) => readdirSync(path.join(__dirname, dir)).map((name) => `${dir}/${name}`))
  .concat(['tools', 'tests/e2e', 'tests/faults'])
  .filter((dir) => existsSync(path.join(__dirname, dir, 'jest.config.js')));

module.exports = {
  projects: roots.map((dir) => `<rootDir>/${dir}`),
  testTimeout: 60_000,
};
