// The product as its users drive it, over HTTP: an editor's API calls, a reader's forms, a subscriber's
// clicks. Forms are read from the pages (cheerio), so the tests post what a browser would.
import { load } from 'cheerio';

export interface Page {
  status: number;
  url: string;
  html: string;
  headers: Headers;
}

export async function fetchPage(url: string, init: RequestInit = {}): Promise<Page> {
  const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(10_000), ...init });
  return { status: response.status, url, html: await response.text(), headers: response.headers };
}

async function json<T>(response: Response, what: string): Promise<T> {
  const text = await response.text();
  if (!response.ok) throw new Error(`${what}: ${response.status} ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

export async function login(base: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${base}/api/editorial/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  return (await json<{ token: string }>(response, 'login')).token;
}

export interface Ingested {
  communiqueId: string;
  duplicate: boolean;
  title: string;
}

export async function ingestText(base: string, token: string, text: string): Promise<Ingested> {
  const response = await fetch(`${base}/api/ingestion/communiques`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain; charset=utf-8' },
    body: text,
  });
  return json<Ingested>(response, 'ingest');
}

export interface Draft {
  id: string;
  communiqueId: string;
  state: string;
  title: string;
}

/** Polls the editorial API until the draft of `communiqueId` exists (the event has travelled). */
export async function draftOf(base: string, token: string, communiqueId: string, timeoutMs = 30_000): Promise<Draft> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(`${base}/api/editorial/articles?communiqueId=${communiqueId}`, { headers: { authorization: `Bearer ${token}` } });
    const { articles } = await json<{ articles: Draft[] }>(response, 'drafts');
    if (articles.length) return articles[0];
    if (Date.now() > deadline) throw new Error(`no draft for communiqué ${communiqueId} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function approve(base: string, token: string, articleId: string): Promise<Response> {
  return fetch(`${base}/api/editorial/articles/${articleId}/approve`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '{}',
  });
}

/** Fills the form found by `selector` on `page` with `values` over its own fields (hidden ones kept), and submits it. */
export async function submitForm(page: Page, selector: string, values: Record<string, string>): Promise<Page> {
  const $ = load(page.html);
  const form = $(selector).first();
  if (!form.length) throw new Error(`no form ${selector} on ${page.url}:\n${page.html.slice(0, 1000)}`);
  const fields = new URLSearchParams();
  form.find('input[name], textarea[name], select[name]').each((_, element) => {
    const name = $(element).attr('name') as string;
    const type = $(element).attr('type');
    if (type === 'submit' || type === 'button') return;
    fields.set(name, name in values ? values[name] : ($(element).is('textarea') ? $(element).text() : ($(element).attr('value') ?? '')));
  });
  for (const name of Object.keys(values)) if (!fields.has(name)) throw new Error(`the form ${selector} on ${page.url} has no field ${name}`);
  const action = new URL(form.attr('action') ?? page.url, page.url).toString();
  return fetchPage(action, { method: (form.attr('method') ?? 'get').toUpperCase(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: fields.toString() });
}

export async function subscribe(base: string, email: string): Promise<Page> {
  const home = await fetchPage(`${base}/`);
  return submitForm(home, 'form[action$="/newsletter/subscribe"]', { email });
}
