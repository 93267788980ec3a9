import { z } from 'zod';
import { isoDate, isoDateTime, language, title, webUrl } from './shared';

/** publishing.article.published v1: an article's page is live at `url`. */
export const articlePublishedV1 = z
  .object({
    articleId: z.uuid(),
    revision: z.number().int().positive(),
    slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
    url: webUrl,
    title,
    summary: z.string().max(1000),
    publishedOn: isoDate,
    section: z.string().max(200).nullable(),
    language,
    publishedAt: isoDateTime,
  })
  .strict();

export type ArticlePublishedV1 = z.infer<typeof articlePublishedV1>;
