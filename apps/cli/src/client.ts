import path from 'node:path';
import { serverMessage, type IngestOutcome } from './format';

/** A request that did not succeed, with the message to show. */
export class RequestFailed extends Error {
  override readonly name = 'RequestFailed';
}

const TIMEOUT_MS = 60_000;

const MEDIA_TYPES: Record<string, string> = {
  '.txt': 'text/plain',
  '.text': 'text/plain',
  '.html': 'text/html',
  '.htm': 'text/html',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.pdf': 'application/pdf',
};

/** The media type announced for a file: by extension, so the server can answer 415 with a clear message for what it does not read. */
export function mediaTypeFor(fileName: string): string {
  return MEDIA_TYPES[path.extname(fileName).toLowerCase()] ?? 'application/octet-stream';
}

/** The Newsroom HTTP API, as far as the CLI needs it. HTTP only: global fetch, FormData, Blob. */
export class NewsroomClient {
  constructor(
    private readonly baseUrl: string,
    private readonly fetchFn: typeof fetch = fetch,
  ) {}

  /** POST /api/editorial/session → the session token. */
  async login(email: string, password: string): Promise<string> {
    const response = await this.send('/api/editorial/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    const body = await response.text();
    if (!response.ok) {
      const retryAfter = response.status === 429 ? response.headers.get('retry-after') : null;
      throw new RequestFailed(`${serverMessage(response.status, body)}${retryAfter ? ` (réessayez dans ${retryAfter} s)` : ''}`);
    }
    const token = parseJson(body)?.token;
    if (typeof token !== 'string' || !token) throw new RequestFailed('réponse inattendue du serveur à la connexion (pas de jeton)');
    return token;
  }

  /**
   * POST /api/ingestion/communiques, multipart: `file` and `source` (`cli` for a local file, the address
   * for a fetched page). The media type is the extension's unless given (a page's served content type).
   */
  async ingest(token: string, fileName: string, bytes: Uint8Array, options: { source?: string; mediaType?: string } = {}): Promise<IngestOutcome> {
    const form = new FormData();
    form.append('source', options.source ?? 'cli');
    form.append('file', new Blob([bytes], { type: options.mediaType ?? mediaTypeFor(fileName) }), path.basename(fileName));
    const response = await this.send('/api/ingestion/communiques', {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      body: form,
    });
    const body = await response.text();
    if (!response.ok) throw new RequestFailed(serverMessage(response.status, body));
    const result = parseJson(body);
    if (typeof result?.communiqueId !== 'string' || typeof result.title !== 'string') {
      throw new RequestFailed(`réponse inattendue du serveur (HTTP ${response.status})`);
    }
    return { communiqueId: result.communiqueId, title: result.title, duplicate: result.duplicate === true };
  }

  private async send(route: string, init: RequestInit): Promise<Response> {
    const url = `${this.baseUrl}${route}`;
    try {
      return await this.fetchFn(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (error) {
      throw new RequestFailed(`serveur injoignable : ${url} (${reasonOf(error)})`);
    }
  }
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** ECONNREFUSED, ENOTFOUND, a timeout…: the useful part of a fetch failure. */
function reasonOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  if (cause?.code) return cause.code;
  if (error instanceof Error && error.name === 'TimeoutError') return `pas de réponse en ${TIMEOUT_MS / 1000} s`;
  return cause?.message ?? (error instanceof Error ? error.message : String(error));
}
