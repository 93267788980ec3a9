import { z } from 'zod';
import { isoDateTime } from './shared';

/** publishing.share.requested v1: a reader asked to send one article to a friend ("Suggest To A Friend"). */
export const shareRequestedV1 = z
  .object({
    shareId: z.uuid(),
    articleId: z.uuid(),
    url: z.url(),
    title: z.string().min(1).max(500),
    friendEmail: z.email().max(254),
    senderName: z.string().min(1).max(100).regex(/^[^\r\n]*$/, 'one line'),
    note: z.string().max(500).nullable(),
    requestedAt: isoDateTime,
  })
  .strict();

export type ShareRequestedV1 = z.infer<typeof shareRequestedV1>;
