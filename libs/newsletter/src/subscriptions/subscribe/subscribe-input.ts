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
});

/** `POST /api/newsletter/subscriptions` (JSON). */
export const subscribeRequest = z.object({ email: emailAddress }).strict();
