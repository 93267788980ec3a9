import { BadRequestException, UnsupportedMediaTypeException } from '@nestjs/common';
import { z } from 'zod';
import { mediaTypeOf } from '../../normalise';
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

const TEXT_ONLY = 'Seuls les textes bruts sont acceptés pour l’instant : un fichier .txt (text/plain) en UTF-8.';

/**
 * The command's input from an HTTP request: a text/plain body, or a multipart upload with a `file` field.
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
    const isTxt = /\.txt$/i.test(fileName);
    if (!(fileType === 'text/plain' || (isTxt && (fileType === '' || fileType === 'application/octet-stream')))) {
      throw new UnsupportedMediaTypeException(`${TEXT_ONLY} Reçu : « ${fileName} » (${file.mimetype || 'type inconnu'}).`);
    }
    return {
      raw: file.buffer,
      contentType: fileType === 'text/plain' ? file.mimetype : 'text/plain',
      sourceKind: source === 'cli' ? 'cli' : 'upload',
      sourceName: source === undefined || source === 'cli' ? fileName : source,
    };
  }

  if (mediaType === 'text/plain') {
    const raw = incoming.rawBody ?? Buffer.from(typeof incoming.body === 'string' ? incoming.body : '', 'utf8');
    return {
      raw,
      contentType: incoming.contentType ?? 'text/plain',
      sourceKind: source === 'cli' ? 'cli' : 'text',
      sourceName: source === undefined || source === 'cli' ? null : source,
    };
  }

  if (mediaType === 'text/html') throw new UnsupportedMediaTypeException(`Le HTML n’est pas encore pris en charge. ${TEXT_ONLY}`);
  throw new UnsupportedMediaTypeException(
    `Envoyez le communiqué en text/plain, ou en multipart/form-data dans le champ « file » (reçu : ${mediaType || 'aucun Content-Type'}).`,
  );
}

function parseSource(value: unknown): string | undefined {
  const parsed = sourceSchema.safeParse(value);
  if (!parsed.success) throw new BadRequestException(parsed.error.issues.map((issue) => issue.message).join(' ; '));
  return parsed.data;
}
