import { z } from 'zod';
import { isoDateTime, oneLine, title, webUrl } from './shared';

/** publishing.share.requested v1: a reader asked to send one article to a friend ("Suggest To A Friend"). */
export const shareRequestedV1 = z
  .object({
    shareId: z.uuid(),
    articleId: z.uuid(),
    url: webUrl,
    title,
    friendEmail: z.email().max(254),
    /** Shown as the sender's display name and in the subject: one line. */
    senderName: oneLine(100),
    note: z.string().max(500).nullable(),
    requestedAt: isoDateTime,
  })
  .strict();

export type ShareRequestedV1 = z.infer<typeof shareRequestedV1>;
