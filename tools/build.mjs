// Compiles every TypeScript source of the workspace into dist/ with SWC (type checking is `npm run typecheck`).
// Layout is kept: apps/standalone/src/main.ts -> dist/apps/standalone/src/main.js.
import { transformFile } from '@swc/core';
import { createRequire } from 'node:module';
import { mkdir, readdir, writeFile, copyFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist');
const swcOptions = require('./swc-options.cjs')();
const SOURCE_DIRS = ['apps', 'libs', 'tools', 'bench'];
const ASSETS = /\.(json|sql|html|css|txt|properties|xml|hbs|svg|ico|png)$/;
const SKIP = /(\.spec|\.int-spec|\.e2e-spec|\.test)\.ts$|\.d\.ts$/;

async function* walk(dir) {
  let entries;
  try { entries = await readdir(dir, { withFileTypes: true }); } catch { return; }
  for (const e of entries) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) yield* walk(full);
    else yield full;
  }
}

const started = Date.now();
await rm(out, { recursive: true, force: true });
let count = 0;
const jobs = [];
for (const dir of SOURCE_DIRS) {
  for await (const file of walk(path.join(root, dir))) {
    const rel = path.relative(root, file);
    if (file.endsWith('.ts') && !SKIP.test(file)) {
      const target = path.join(out, rel.replace(/\.ts$/, '.js'));
      jobs.push((async () => {
        const { code, map } = await transformFile(file, { ...swcOptions, filename: file, sourceFileName: path.relative(path.dirname(target), file) });
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(target, `${code}\n//# sourceMappingURL=${path.basename(target)}.map\n`);
        if (map) await writeFile(`${target}.map`, map);
        count++;
      })());
    } else if (ASSETS.test(file) && !rel.endsWith('project.json') && !rel.includes('/fixtures/')) {
      const target = path.join(out, rel);
      jobs.push(mkdir(path.dirname(target), { recursive: true }).then(() => copyFile(file, target)));
    }
  }
}
await Promise.all(jobs);
if (!process.env.BUILD_QUIET) console.error(`built ${count} files into dist/ in ${Date.now() - started} ms`);
