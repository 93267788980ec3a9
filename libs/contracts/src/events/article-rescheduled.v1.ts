import { z } from 'zod';
import { isoDateTime } from './shared';

/**
 * editorial.article.rescheduled v1: the publication time of an approved, not yet public article changed
 * (an embargo moved). `publishAt` null means as soon as possible. Cancelling a publication is
 * editorial.article.withdrawn, not this.
 */
export const articleRescheduledV1 = z
  .object({
    articleId: z.uuid(),
    revision: z.number().int().positive(),
    publishAt: isoDateTime.nullable(),
    rescheduledBy: z.string().min(1).max(200),
    rescheduledAt: isoDateTime,
  })
  .strict();

export type ArticleRescheduledV1 = z.infer<typeof articleRescheduledV1>;
