import { z } from 'zod';

/** A calendar date, YYYY-MM-DD (a communiqué's date has no time of day). */
export const isoDate = z.iso.date();
export const isoDateTime = z.iso.datetime({ offset: true });
export const paragraphs = z.array(z.string().min(1).max(20_000)).min(1).max(500);
export const language = z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'BCP 47 language such as fr or fr-FR');
export const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'sha-256 in lowercase hex');
