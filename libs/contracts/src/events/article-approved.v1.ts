import { z } from 'zod';
import { isoDate, isoDateTime, language, paragraphs, title } from './shared';

/** editorial.article.approved v1: an editor approved a revision of an article for publication. */
export const articleApprovedV1 = z
  .object({
    articleId: z.uuid(),
    communiqueId: z.uuid().nullable(),
    revision: z.number().int().positive(),
    title,
    publishedOn: isoDate,
    section: z.string().max(200).nullable(),
    language,
    paragraphs,
    approvedBy: z.string().min(1).max(200),
    approvedAt: isoDateTime,
    /** Not before this instant (embargo); null means as soon as possible. */
    publishAt: isoDateTime.nullable(),
  })
  .strict();

export type ArticleApprovedV1 = z.infer<typeof articleApprovedV1>;
