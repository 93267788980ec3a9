import { z } from 'zod';
import { isoDateTime } from './shared';
import { articleApprovedV1 } from './article-approved.v1';

/**
 * editorial.article.corrected v1: an editor approved a new revision of an article that is already public.
 * Publishing renders it again, with the correction note and its date under the article, at the same address.
 */
export const articleCorrectedV1 = articleApprovedV1
  .omit({ approvedBy: true, approvedAt: true, publishAt: true })
  .extend({
    /** What changed, for readers ("Le chiffre du deuxième paragraphe a été corrigé."). */
    correctionNote: z.string().min(1).max(2000),
    correctedBy: z.string().min(1).max(200),
    correctedAt: isoDateTime,
  })
  .strict();

export type ArticleCorrectedV1 = z.infer<typeof articleCorrectedV1>;
