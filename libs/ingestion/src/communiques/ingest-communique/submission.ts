import { BadRequestException, UnsupportedMediaTypeException } from '@nestjs/common';
import { z } from 'zod';
import { mediaTypeFromName, mediaTypeOf } from '../../normalise/normalise';
import type { IngestCommuniqueInput } from './ingest-communique.command';

/** The file part of a multipart upload, as multer gives it (memory storage). */
export interface UploadedText {
  buffer: Buffer;
  originalname: string;
  mimetype: string;
  size: number;
}

/** What the controller hands over from the request. */
export interface IncomingSubmission {
  /** The request's Content-Type header. */
  contentType: string | undefined;
  /** What the platform's body parsers made of the body: a string for text/plain, fields for multipart. */
  body: unknown;
  /** The body's bytes, when the app keeps them (Nest's `rawBody: true`). */
  rawBody?: Buffer;
  file?: UploadedText;
  /** `?source=` */
  sourceQuery: unknown;
}

/** `cli` marks the newsroom CLI; anything else names the source (a press office, a mailing list…). */
const sourceSchema = z
  .string({ error: 'source doit être un texte' })
  .trim()
  .min(1, 'source ne peut pas être vide')
  .max(200, 'source : 200 caractères au plus')
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  .regex(/^[^\u0000-\u001f\u007f]*$/, 'source : une seule ligne')
  .optional();

const ACCEPTED = 'Formats acceptés : texte brut (.txt, text/plain), page HTML (.html, text/html) ou document Word (.docx).';

/** Media types of the files accepted as uploads (the normaliser has a reader for each, or will shortly for HTML). */
const UPLOAD_TYPES = new Set([
  'text/plain',
  'text/html',
  'application/xhtml+xml',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
]);
/** Media types of the request bodies accepted as they are. */
const BODY_TYPES = new Set(['text/plain', 'text/html']);
/** What browsers and clients send when they do not know a file's type: the extension decides. */
const UNKNOWN_TYPES = new Set(['', 'application/octet-stream']);

/**
 * The command's input from an HTTP request: a text/plain or text/html body, or a multipart upload with a `file` field
 * (.txt, .html, .docx; a file sent as application/octet-stream is typed by its extension).
 * The checksum is of the bytes received: `rawBody` when the app keeps it; otherwise the parsed string
 * encoded back to UTF-8, which is the same bytes for any UTF-8 body without a BOM (body-parser drops a
 * BOM and decodes other charsets, so those would differ from what was sent).
 */
export function readSubmission(incoming: IncomingSubmission): Omit<IngestCommuniqueInput, 'receivedBy'> {
  const mediaType = mediaTypeOf(incoming.contentType ?? '');
  const fields = typeof incoming.body === 'object' && incoming.body !== null ? (incoming.body as Record<string, unknown>) : {};
  const source = parseSource(fields.source ?? incoming.sourceQuery);

  if (mediaType === 'multipart/form-data') {
    const file = incoming.file;
    if (!file) throw new BadRequestException('Joignez le communiqué dans le champ « file » du formulaire.');
    const fileName = file.originalname.normalize('NFC');
    const fileType = mediaTypeOf(file.mimetype);
    const byName = mediaTypeFromName(fileName);
    const contentType = UPLOAD_TYPES.has(fileType) ? file.mimetype : UNKNOWN_TYPES.has(fileType) && byName !== null && UPLOAD_TYPES.has(byName) ? byName : null;
    if (contentType === null) {
      throw new UnsupportedMediaTypeException(`${ACCEPTED} Reçu : « ${fileName} » (${file.mimetype || 'type inconnu'}).`);
    }
    return {
      raw: file.buffer,
      contentType,
      sourceKind: source === 'cli' ? 'cli' : 'upload',
      sourceName: source === undefined || source === 'cli' ? fileName : source,
    };
  }

  if (BODY_TYPES.has(mediaType)) {
    // Without the raw bytes, the parsed string is sent on as UTF-8, so that is the charset to read it with.
    const raw = incoming.rawBody ?? Buffer.from(typeof incoming.body === 'string' ? incoming.body : '', 'utf8');
    return {
      raw,
      contentType: incoming.rawBody ? (incoming.contentType ?? mediaType) : `${mediaType}; charset=utf-8`,
      sourceKind: source === 'cli' ? 'cli' : mediaType === 'text/plain' ? 'text' : 'html',
      sourceName: source === undefined || source === 'cli' ? null : source,
    };
  }

  throw new UnsupportedMediaTypeException(
    `Envoyez le communiqué en text/plain ou text/html, ou en multipart/form-data dans le champ « file » (reçu : ${mediaType || 'aucun Content-Type'}). ${ACCEPTED}`,
  );
}

function parseSource(value: unknown): string | undefined {
  const parsed = sourceSchema.safeParse(value);
  if (!parsed.success) throw new BadRequestException(parsed.error.issues.map((issue) => issue.message).join(' ; '));
  return parsed.data;
}
