import { z } from 'zod';

/** `:id` in a route: an article id is a uuid (anything else cannot name one). */
export const articleIdParams = z.object({ id: z.guid({ error: 'expected an article id (uuid)' }) });
