import { z } from 'zod';
import { isoDateTime } from './shared';

/**
 * publishing.article.withdrawn v1: an article is no longer public (its page answers 410) or will never be
 * (a scheduled publication cancelled). Consumers stop anything still pending for it: alerts, digests, shares.
 */
export const publishedArticleWithdrawnV1 = z
  .object({
    articleId: z.uuid(),
    /** Null when the article was never public. */
    slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).nullable(),
    wasPublic: z.boolean(),
    withdrawnAt: isoDateTime,
  })
  .strict();

export type PublishedArticleWithdrawnV1 = z.infer<typeof publishedArticleWithdrawnV1>;
