import { z } from 'zod';
import { FREQUENCIES } from '../subscriber';

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(100);

/** The preferences form (form-encoded): `sections` once per ticked box; `language` empty for every language. */
export const preferencesForm = z.object({
  token: z.string().min(1).max(4096),
  frequency: z.enum(FREQUENCIES, { error: 'fréquence inconnue' }),
  sections: z
    .union([slug, z.array(slug).max(100)])
    .optional()
    .transform((value) => (value === undefined ? [] : Array.isArray(value) ? [...new Set(value)] : [value])),
  language: z
    .union([z.literal(''), z.string().regex(/^[a-z]{2}$/)])
    .optional()
    .transform((value) => value || null),
  _action: z.string().max(20).optional(),
});

export const withToken = z.object({ token: z.string().min(1).max(4096) });

/** The erase form: the box "I understand" must be ticked. */
export const eraseForm = withToken.extend({ confirm: z.literal('oui', { error: 'cochez la case pour confirmer' }) });

/** Article languages offered on the page (any two-letter code is accepted). */
export const LANGUAGES: readonly { code: string; label: string }[] = [
  { code: 'fr', label: 'Français' },
  { code: 'en', label: 'English' },
  { code: 'de', label: 'Deutsch' },
  { code: 'es', label: 'Español' },
];
