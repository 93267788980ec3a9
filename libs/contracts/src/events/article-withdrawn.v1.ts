import { z } from 'zod';
import { isoDateTime } from './shared';

/**
 * editorial.article.withdrawn v1: an article must not be (or no longer be) public: a scheduled publication
 * cancelled before its time, or a published article taken down. The reason is for the record, not for readers.
 */
export const articleWithdrawnV1 = z
  .object({
    articleId: z.uuid(),
    reason: z.string().min(1).max(2000),
    withdrawnBy: z.string().min(1).max(200),
    withdrawnAt: isoDateTime,
  })
  .strict();

export type ArticleWithdrawnV1 = z.infer<typeof articleWithdrawnV1>;
