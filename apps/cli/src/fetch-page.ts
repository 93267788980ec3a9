import { RequestFailed } from './client';

export const PAGE_TIMEOUT_MS = 15_000;
export const PAGE_MAX_BYTES = 5 * 1024 * 1024;

/** A page fetched by the CLI, ready to be uploaded like a file. */
export interface FetchedPage {
  /** A file name from the address's path, with .html or .txt from the content type. */
  fileName: string;
  /** The page's content type as it was served (with its charset), `text/html` or `text/plain`. */
  mediaType: string;
  bytes: Uint8Array;
}

const EXTENSIONS: Record<string, string> = {
  'text/html': '.html',
  'application/xhtml+xml': '.html',
  'text/plain': '.txt',
};

export interface FetchPageOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
  maxBytes?: number;
}

/**
 * GETs an http(s) address (redirects followed, a time limit, a size limit read as a stream) and keeps it
 * only when it answered 2xx with an HTML or plain-text body. Rejects with a RequestFailed in French.
 */
export async function fetchPage(address: string, options: FetchPageOptions = {}): Promise<FetchedPage> {
  const { fetch: fetchFn = fetch, timeoutMs = PAGE_TIMEOUT_MS, maxBytes = PAGE_MAX_BYTES } = options;
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new RequestFailed('adresse invalide');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new RequestFailed('seules les adresses http et https sont acceptées');

  const signal = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await fetchFn(url, { redirect: 'follow', signal, headers: { Accept: 'text/html, application/xhtml+xml, text/plain;q=0.9' } });
  } catch (error) {
    throw new RequestFailed(`page injoignable (${reasonOf(error, timeoutMs)})`);
  }
  const finalUrl = response.url ? new URL(response.url) : url;
  if (finalUrl.protocol !== 'http:' && finalUrl.protocol !== 'https:') {
    await discard(response);
    throw new RequestFailed(`redirection vers une adresse non http(s) refusée : ${finalUrl.href}`);
  }
  if (response.status < 200 || response.status > 299) {
    await discard(response);
    throw new RequestFailed(`la page a répondu HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
  }
  const contentType = response.headers.get('content-type') ?? '';
  const mediaType = contentType.split(';')[0].trim().toLowerCase();
  const extension = EXTENSIONS[mediaType];
  if (!extension) {
    await discard(response);
    throw new RequestFailed(`type de contenu non pris en charge : ${mediaType || 'aucun'} (seules les pages HTML et le texte brut sont acceptés)`);
  }
  const tooLarge = () => new RequestFailed(`page trop volumineuse (plus de ${formatBytes(maxBytes)})`);
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await discard(response);
    throw tooLarge();
  }
  const bytes = await readCapped(response, maxBytes, tooLarge, timeoutMs);
  return { fileName: fileNameFor(url, extension), mediaType: contentType.trim(), bytes };
}

async function readCapped(response: Response, maxBytes: number, tooLarge: () => Error, timeoutMs: number): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof RequestFailed) throw error;
    throw new RequestFailed(`lecture de la page interrompue (${reasonOf(error, timeoutMs)})`);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

/** `https://x.example/presse/2024/visas.php?id=3` → `visas.html`; `https://x.example/` → `x.example.html`. */
export function fileNameFor(url: URL, extension: string): string {
  const segments = url.pathname.split('/').filter(Boolean);
  let last = segments.at(-1) ?? '';
  try {
    last = decodeURIComponent(last);
  } catch {
    // keep it encoded
  }
  const base = last
    .replace(/\.[A-Za-z0-9]{1,5}$/u, '')
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/^[-.]+|[-.]+$/gu, '')
    .slice(0, 100);
  return `${base || url.hostname}${extension}`;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} Mo` : `${bytes} octets`;
}

function reasonOf(error: unknown, timeoutMs: number): string {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return `pas de réponse en ${timeoutMs / 1000} s`;
  const cause = (error as { cause?: { code?: string; message?: string; name?: string } })?.cause;
  if (cause?.name === 'TimeoutError') return `pas de réponse en ${timeoutMs / 1000} s`;
  if (cause?.code) return cause.code;
  return cause?.message ?? (error instanceof Error ? error.message : String(error));
}
