import { parseArgs, resolveSettings, type HelpTopic } from './args';
import { NewsroomClient, RequestFailed } from './client';
import { failureLine, INGEST_HELP, MAIN_HELP, successLine, summaryLine, type Tally } from './format';

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
}

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

  const tally: Tally = { created: 0, duplicates: 0, failed: 0 };
  for (const file of invocation.files) {
    let bytes: Uint8Array;
    try {
      bytes = await io.readFile(file);
    } catch (error) {
      tally.failed++;
      io.out(failureLine(file, `fichier illisible (${(error as NodeJS.ErrnoException).code ?? messageOf(error)})`));
      continue;
    }
    try {
      const outcome = await client.ingest(token, file, bytes);
      if (outcome.duplicate) tally.duplicates++;
      else tally.created++;
      io.out(successLine(file, outcome));
    } catch (error) {
      tally.failed++;
      io.out(failureLine(file, messageOf(error)));
    }
  }
  io.out(summaryLine(tally));
  return tally.failed > 0 ? EXIT.failed : EXIT.ok;
}

function messageOf(error: unknown): string {
  if (error instanceof RequestFailed) return error.message;
  return error instanceof Error ? error.message : String(error);
}
