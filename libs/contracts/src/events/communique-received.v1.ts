import { z } from 'zod';
import { isoDate, isoDateTime, language, paragraphs, sha256, title } from './shared';

/** ingestion.communique.received v1: a communiqué arrived, its raw original is stored, and this is its first normalised reading. */
export const communiqueReceivedV1 = z
  .object({
    communiqueId: z.uuid(),
    source: z
      .object({
        kind: z.enum(['text', 'html', 'docx', 'feed', 'upload', 'folder', 'cli', 'demo']),
        name: z.string().max(500).nullable(),
      })
      .strict(),
    /** sha-256 of the raw original bytes, as stored. */
    checksum: sha256,
    title,
    /** True when the title was written by ingestion (the source had none). */
    titleGenerated: z.boolean(),
    publishedOn: isoDate.nullable(),
    section: z.string().max(200).nullable(),
    language,
    paragraphs,
    /**
     * Added in place (additive, same version): people, organisations and countries ingestion suggests as
     * tags for the editor. Absent in events written before; parsed as an empty list then.
     */
    tags: z
      .array(z.object({ kind: z.enum(['person', 'organisation', 'country']), name: z.string().min(1).max(200), mentions: z.number().int().positive() }).strict())
      .max(50)
      .default([]),
    /**
     * Added in place (additive, same version): the earlier communiqué this one nearly duplicates (a corrected
     * re-send, say), with the estimated Jaccard similarity of their texts (MinHash over word 5-shingles).
     * Null when none resembles it enough; absent in events written before, parsed as null then.
     */
    nearDuplicateOf: z
      .object({ communiqueId: z.uuid(), similarity: z.number().min(0).max(1) })
      .strict()
      .nullable()
      .default(null),
    receivedAt: isoDateTime,
  })
  .strict();

export type CommuniqueReceivedV1 = z.infer<typeof communiqueReceivedV1>;
