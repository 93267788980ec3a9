import { z } from 'zod';

/** An address as stored: trimmed, lowercased, at most 254 characters. */
export const emailAddress = z
  .string({ error: 'adresse électronique attendue' })
  .trim()
  .toLowerCase()
  .max(254, { error: 'adresse électronique trop longue' })
  .pipe(z.email({ error: 'adresse électronique invalide' }));

/** The site's form (application/x-www-form-urlencoded). `website` is the honeypot; other fields are ignored. */
export const subscribeForm = z.object({
  email: z.string().max(1000).optional(),
  website: z.string().max(1000).optional(),
  /** The proof of work the page's script solved (absent without JavaScript). */
  pow_challenge: z.string().max(4096).optional(),
  pow_solution: z.string().max(20).optional(),
});

/** `POST /api/newsletter/subscriptions` (JSON). */
export const subscribeRequest = z
  .object({
    email: emailAddress,
    /** Optional: from `GET /api/newsletter/challenge`, solved; without it the request takes the slower path. */
    proofOfWork: z.object({ challenge: z.string().max(4096), solution: z.string().max(20) }).strict().optional(),
  })
  .strict();
