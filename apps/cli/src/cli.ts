import path from 'node:path';
import { DEFAULT_CONCURRENCY, parseArgs, resolveSettings, type HelpTopic } from './args';
import { NewsroomClient, RequestFailed } from './client';
import { fetchPage } from './fetch-page';
import { failureLine, INGEST_HELP, MAIN_HELP, successLine, summaryLine, type IngestOutcome, type Tally } from './format';
import { ProgressBar, type ProgressTerminal } from './progress';
import { urlListOf } from './url-list';

/** Everything the CLI touches outside itself, so tests can run it in-process. */
export interface CliIo {
  env: Readonly<Record<string, string | undefined>>;
  /** One line of the report (no trailing newline). */
  out(line: string): void;
  /** One line of diagnostics. */
  err(line: string): void;
  readFile(path: string): Promise<Uint8Array>;
  /** Whether a person can be asked for the password. */
  interactive: boolean;
  /** Asks for the password without echo; rejects when interrupted. */
  promptPassword(question: string): Promise<string>;
  fetch?: typeof fetch;
  /** Where the batch progress bar goes (stderr): drawn only when it is a terminal and there is more than one item. */
  progress?: ProgressTerminal;
  /** The clock of the progress bar's ETA (milliseconds). */
  now?: () => number;
}

/** Longest `source` the ingestion service accepts. */
const MAX_SOURCE_LENGTH = 200;

export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

const help = (topic: HelpTopic) => (topic === 'ingest' ? INGEST_HELP : MAIN_HELP);

/** Runs `newsroom <argv>`; resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const invocation = parseArgs(argv);
  if (invocation.kind === 'help') {
    io.out(help(invocation.topic).trimEnd());
    return EXIT.ok;
  }
  const usageError = (message: string, topic: HelpTopic) => {
    io.err(`newsroom: ${message}`);
    io.err(help(topic).trimEnd());
    return EXIT.usage;
  };
  if (invocation.kind === 'usage-error') return usageError(invocation.message, invocation.topic);

  const settings = resolveSettings(invocation, io.env);
  if (typeof settings === 'string') return usageError(settings, 'ingest');
  const client = new NewsroomClient(settings.baseUrl, io.fetch);

  let token: string;
  const { credentials } = settings;
  if (credentials.kind === 'token') token = credentials.token;
  else {
    let password = credentials.password;
    if (password === null) {
      if (!io.interactive) return usageError('mot de passe manquant : définissez NEWSROOM_PASSWORD (aucun terminal pour le demander)', 'ingest');
      try {
        password = await io.promptPassword(`Mot de passe pour ${credentials.email} : `);
      } catch {
        io.err('newsroom: interrompu');
        return EXIT.interrupted;
      }
    }
    try {
      token = await client.login(credentials.email, password);
    } catch (error) {
      io.err(`✗ connexion à ${settings.baseUrl} refusée : ${messageOf(error)}`);
      return EXIT.failed;
    }
  }

  const items = await expand(invocation.files, io);
  const bar = new ProgressBar(items.length, io.progress, io.now);
  const tally: Tally = { created: 0, duplicates: 0, failed: 0 };
  const lines: (string | undefined)[] = items.map(() => undefined);
  let printed = 0;
  bar.draw(tally);

  const handle = async (item: Item): Promise<string> => {
    if ('error' in item) {
      tally.failed++;
      return failureLine(item.label, item.error);
    }
    let outcome: IngestOutcome;
    try {
      const upload = await item.load();
      outcome = await client.ingest(token, upload.fileName, upload.bytes, { source: upload.source, mediaType: upload.mediaType });
    } catch (error) {
      tally.failed++;
      return failureLine(item.label, messageOf(error));
    }
    if (outcome.duplicate) tally.duplicates++;
    else tally.created++;
    return successLine(item.label, outcome);
  };

  // A small pool of workers; the lines are printed in the order of the arguments, as soon as they are known.
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      lines[index] = await handle(items[index]);
      bar.clear();
      while (printed < lines.length && lines[printed] !== undefined) io.out(lines[printed++] as string);
      bar.draw(tally);
    }
  };
  const concurrency = Math.min(invocation.concurrency ?? DEFAULT_CONCURRENCY, Math.max(items.length, 1));
  await Promise.all(Array.from({ length: concurrency }, worker));
  bar.clear();
  io.out(summaryLine(tally));
  return tally.failed > 0 ? EXIT.failed : EXIT.ok;
}

interface Upload {
  fileName: string;
  bytes: Uint8Array;
  mediaType?: string;
  source?: string;
}

/** One line of the report: a file or an address, or what went wrong before it could be sent. */
type Item = { label: string; load: () => Promise<Upload> } | { label: string; error: string };

/** The arguments as items: a file, or the addresses of a URL list (see urlListOf), in order. */
async function expand(files: readonly string[], io: CliIo): Promise<Item[]> {
  const items: Item[] = [];
  for (const file of files) {
    let bytes: Uint8Array;
    try {
      bytes = await io.readFile(file);
    } catch (error) {
      items.push({ label: file, error: `fichier illisible (${(error as NodeJS.ErrnoException).code ?? messageOf(error)})` });
      continue;
    }
    const urls = urlListOf(file, bytes);
    if (urls) {
      for (const url of urls) items.push({ label: url, load: () => loadPage(url, io) });
    } else if (path.extname(file).toLowerCase() === '.urls') {
      items.push({ label: file, error: 'liste d’adresses invalide : chaque ligne non vide (hors commentaires #) doit être une adresse http(s), et il en faut au moins une' });
    } else {
      items.push({ label: file, load: async () => ({ fileName: file, bytes }) });
    }
  }
  return items;
}

async function loadPage(url: string, io: CliIo): Promise<Upload> {
  const page = await fetchPage(url, { fetch: io.fetch });
  return { fileName: page.fileName, bytes: page.bytes, mediaType: page.mediaType, source: sourceFor(url) };
}

/** The address as the `source` the server records (cut with … past the 200 characters it accepts). */
export function sourceFor(url: string): string {
  return url.length <= MAX_SOURCE_LENGTH ? url : `${url.slice(0, MAX_SOURCE_LENGTH - 1)}…`;
}

function messageOf(error: unknown): string {
  if (error instanceof RequestFailed) return error.message;
  return error instanceof Error ? error.message : String(error);
}
