// `npm run bench -- <name>`: runs dist/bench/src/<name>.bench.js (built by the npm script first).
import { readdirSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'dist/bench/src');
const available = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.bench.js')).map((f) => f.replace('.bench.js', '')) : [];
const [name, ...args] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <name> [args]   (available: ${available.join(', ') || 'none'})`);
  process.exit(2);
}
const result = spawnSync(process.execPath, [path.join(dir, `${name}.bench.js`), ...args], { stdio: 'inherit', cwd: root });
process.exit(result.status ?? 1);
