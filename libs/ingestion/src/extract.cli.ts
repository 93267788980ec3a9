// `newsroom extract <file>...` (bin/newsroom dispatches here; also `node dist/libs/ingestion/src/extract.cli.js <file>...`):
// runs the normaliser on local files, no server needed, and prints one JSON line per file.
// A tool, not part of the library: index.ts does not export it, so node:fs never reaches the service.
import type { Tag } from './normalise';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CommuniqueRejected } from './normalise/errors';
import { mediaTypeFromName, normaliseCommunique } from './normalise/normalise';

export const EXTRACT_USAGE = `Usage : newsroom extract <fichier>...

Lit chaque fichier (.txt, .html, .docx) sans serveur, comme le service d’ingestion, et affiche une ligne JSON
par fichier : {"file","title","publishedAt","section","language","paragraphs","body","tags"},
ou {"file","error":{"code","message"}} pour un fichier illisible.

Codes de sortie : 0 tous les fichiers lus, 1 au moins un échec, 2 erreur d’usage.
`;

export interface ExtractedLine {
  file: string;
  title: string;
  /** YYYY-MM-DD or null. */
  publishedAt: string | null;
  section: string | null;
  language: string;
  paragraphs: string[];
  body: string;
  /** Suggested tags: the people, organisations and countries it names, most mentioned first. */
  tags: Tag[];
}

export interface ExtractFailure {
  file: string;
  error: { code: string; message: string };
}

export interface ExtractIo {
  out: (line: string) => void;
  err: (text: string) => void;
  readFile: (file: string) => Uint8Array;
}

/** One file → its line (never throws for what is wrong with the file). */
export function extractFile(file: string, readFile: ExtractIo['readFile']): ExtractedLine | ExtractFailure {
  const mediaType = mediaTypeFromName(file);
  if (mediaType === null) {
    return { file, error: { code: 'unsupported-type', message: `Extension non prise en charge (${path.extname(file) || 'aucune'}) : .txt, .html ou .docx.` } };
  }
  let raw: Uint8Array;
  try {
    raw = readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'read-error';
    return { file, error: { code: 'unreadable', message: `Lecture impossible (${code}) : ${file}` } };
  }
  try {
    const communique = normaliseCommunique(raw, mediaType);
    return {
      file,
      title: communique.title,
      publishedAt: communique.publishedOn,
      section: communique.section,
      language: communique.language,
      paragraphs: communique.paragraphs,
      body: communique.paragraphs.join('\n\n'),
      tags: communique.tags,
    };
  } catch (error) {
    if (error instanceof CommuniqueRejected) return { file, error: { code: error.reason, message: error.message } };
    throw error;
  }
}

/** The whole command: exit code 0 (all read), 1 (at least one failed), 2 (no file). */
export function runExtract(argv: string[], io: ExtractIo): number {
  if (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h')) {
    io.out(EXTRACT_USAGE.trimEnd());
    return 0;
  }
  if (argv.length === 0) {
    io.err(`newsroom: aucun fichier à lire\n${EXTRACT_USAGE}`);
    return 2;
  }
  let failed = 0;
  for (const file of argv) {
    const line = extractFile(file, io.readFile);
    if ('error' in line) failed++;
    io.out(JSON.stringify(line));
  }
  return failed > 0 ? 1 : 0;
}

/** Runs the command on the real process (stdout, stderr, files, exit code). bin/newsroom calls this for `newsroom extract`. */
export function main(argv: string[]): void {
  process.exitCode = runExtract(argv, {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    readFile: (file) => readFileSync(file),
  });
}

if (require.main === module) main(process.argv.slice(2));
