import { z } from 'zod';

/** What a sign-in form or request carries: the email is compared lowercased and trimmed. */
export const credentials = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email({ error: 'expected an email address' })),
  password: z.string().min(1, { error: 'required' }).max(1024),
});
