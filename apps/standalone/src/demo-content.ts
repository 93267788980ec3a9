// The demo communiqués of a fresh `npm start`, loaded the way an editor would: signed in as the first
// administrator, each file goes through the ingestion API, its draft is approved through the editorial
// API, and publishing and the newsletter do the rest. Loaded once per DATA_DIR (marker file).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface DemoOptions {
  /** Where this process answers (not PUBLIC_URL, which may be a proxy). */
  localUrl: string;
  email: string;
  password: string;
  dir: string;
  marker: string;
  timeoutMs?: number;
}

/** The demo folder shipped with the app: apps/standalone/demo, found from the source or the build. */
export function demoDirectory(): string | undefined {
  for (let dir = __dirname; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'apps', 'standalone', 'demo');
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

async function call<T>(url: string, init: RequestInit, what: string): Promise<T> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${what}: ${response.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/** Ingests and approves every `.txt` of `dir` in name order; returns the titles published. */
export async function loadDemoContent(options: DemoOptions): Promise<string[]> {
  const { localUrl, dir } = options;
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  const { token } = await call<{ token: string }>(
    `${localUrl}/api/editorial/session`,
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: options.email, password: options.password }) },
    'sign-in',
  );
  const auth = { authorization: `Bearer ${token}` };
  const titles: string[] = [];
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.txt')).sort()) {
    const ingested = await call<{ communiqueId: string; title: string }>(
      `${localUrl}/api/ingestion/communiques?source=demo`,
      { method: 'POST', headers: { ...auth, 'content-type': 'text/plain; charset=utf-8' }, body: readFileSync(path.join(dir, file)) },
      `ingest ${file}`,
    );
    let draft: { id: string; state: string } | undefined;
    while (!draft) {
      const { articles } = await call<{ articles: Array<{ id: string; state: string }> }>(
        `${localUrl}/api/editorial/articles?communiqueId=${ingested.communiqueId}`,
        { headers: auth },
        'find the draft',
      );
      draft = articles[0];
      if (!draft) {
        if (Date.now() > deadline) throw new Error(`no draft for ${file}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    if (draft.state === 'draft') {
      await call(`${localUrl}/api/editorial/articles/${draft.id}/approve`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{}' }, `approve ${file}`);
    }
    titles.push(ingested.title);
  }
  writeFileSync(options.marker, `${new Date().toISOString()}\n${titles.join('\n')}\n`);
  return titles;
}
