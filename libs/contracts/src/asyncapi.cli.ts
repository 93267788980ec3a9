// Writes libs/contracts/asyncapi.yaml from the catalogue: `npm run contracts:asyncapi` (optional argument: another output path).
// A tool, not part of the library: index.ts does not export it, so `yaml` and node:fs never reach a service.
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Document } from 'yaml';
import { ASYNCAPI_COMMAND, ASYNCAPI_FILE, buildAsyncApiDocument } from './asyncapi';

/** The workspace root (where nx.json is), found from this file so it works from src/ and from dist/. */
function workspaceRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'nx.json'))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

export function renderAsyncApiYaml(): string {
  const document = new Document(buildAsyncApiDocument(), { aliasDuplicateObjects: false });
  document.commentBefore = ` Generated from libs/contracts/src by \`${ASYNCAPI_COMMAND}\`. Do not edit by hand: change the code and regenerate.`;
  return document.toString({ lineWidth: 0 });
}

if (require.main === module) {
  const target = path.resolve(process.argv[2] ?? path.join(workspaceRoot(), ASYNCAPI_FILE));
  writeFileSync(target, renderAsyncApiYaml());
  console.error(`wrote ${path.relative(process.cwd(), target) || target}`);
}
