import { z } from 'zod';

export const NOTE_MAX_LENGTH = 500;
export const NAME_MAX_LENGTH = 100;

/**
 * True when `text` is one line: no control character at all (CR, LF, tab, NUL...), no Unicode line or
 * paragraph separator, and none of their encoded forms (%0d, %0a, %250a, %u2028, \n, \u000a, &#10;,
 * &#x0d;, &NewLine;), which a later decoding step could turn into a header break.
 */
export function isOneLine(text: string): boolean {
  return !/[\p{Cc}\u2028\u2029]/u.test(text) && !ENCODED_BREAK.test(text);
}

const ENCODED_BREAK = new RegExp(
  [
    String.raw`%(?:25)*(?:0[ad]|c2%(?:25)*85|e2%(?:25)*80%(?:25)*a[89])`, // percent-encoded, once or more
    String.raw`%u(?:000[ad]|0085|202[89])`, // %uXXXX
    String.raw`\\(?:[rn]|u000[ad]|u0085|u202[89]|x0[ad])`, // backslash escapes
    String.raw`&#x0*(?:[ad]|85|202[89])(?![0-9a-f])`, // hexadecimal character references
    String.raw`&#0*(?:1[03]|133|823[23])(?!\d)`, // decimal character references
    String.raw`&newline;`,
  ].join('|'),
  'i',
);

/**
 * True when `text` holds a link or anything a mail client would make one of: a scheme (`https://`,
 * `ftp://`, `mailto:`), `www.`, or a bare domain name with a common top-level domain.
 */
export function containsLink(text: string): boolean {
  return LINK.test(text);
}

const LINK =
  /[a-z][a-z0-9+.-]*:\/\/|\b(?:mailto|javascript|data):|\bwww\d*\.|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|info|biz|fr|eu|be|ch|de|uk|io|co|me|ly|ru|cn|xyz|top|online|site|shop|link|click|app|dev)\b/i;

/** The fields of the "Suggest To A Friend" form, with the messages shown next to them. */
export const shareFormSchema = z.object({
  friendEmail: z
    .string({ error: 'Indiquez l’adresse électronique de votre ami.' })
    .trim()
    .min(1, { error: 'Indiquez l’adresse électronique de votre ami.' })
    .max(254, { error: 'Cette adresse est trop longue (254 caractères au plus).' })
    .pipe(z.email({ error: 'Cette adresse électronique n’est pas valide (exemple : prenom.nom@exemple.fr).' })),
  senderName: z
    .string({ error: 'Indiquez votre nom.' })
    .refine(isOneLine, { error: 'Votre nom doit tenir sur une seule ligne.', abort: true })
    .trim()
    .min(1, { error: 'Indiquez votre nom.' })
    .max(NAME_MAX_LENGTH, { error: `Votre nom est trop long (${NAME_MAX_LENGTH} caractères au plus).` }),
  note: z
    .string({ error: 'Votre mot doit être un texte.' })
    .optional()
    .transform((note) => (note ?? '').replace(/\r\n?/g, '\n').trim())
    .pipe(
      z
        .string()
        .max(NOTE_MAX_LENGTH, { error: `Votre mot est trop long (${NOTE_MAX_LENGTH} caractères au plus).` })
        .refine((note) => !/[\p{Cc}\u2028\u2029]/u.test(note.replace(/[\n\t]/g, '')), { error: 'Votre mot contient des caractères non autorisés.' })
        .refine((note) => !containsLink(note), { error: 'Votre mot ne peut pas contenir de lien ni d’adresse web.' }),
    )
    .transform((note) => note || null),
  formToken: z.string().max(4096).optional(),
  /** The proof of work the page's script solved (see ShareProtection); empty without JavaScript. */
  pow_challenge: z.string().max(4096).optional(),
  pow_solution: z.string().max(20).optional(),
});

export type ShareForm = z.output<typeof shareFormSchema>;
export type ShareField = 'friendEmail' | 'senderName' | 'note';

/** What the form was sent with, to fill it in again: strings only, bounded. */
export type ShareFormValues = Partial<Record<ShareField, string>>;

export type ParsedShareForm =
  | { kind: 'bot' }
  | { kind: 'invalid'; errors: Partial<Record<ShareField, string>>; values: ShareFormValues }
  | { kind: 'valid'; form: ShareForm; values: ShareFormValues };

/** The posted form: a filled honeypot (`website`) means a bot; else the fields, or the first error of each. */
export function parseShareForm(body: unknown): ParsedShareForm {
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const website = fields.website;
  if (website !== undefined && website !== '') return { kind: 'bot' };
  const values: ShareFormValues = {};
  for (const field of ['friendEmail', 'senderName', 'note'] as const) {
    const value = fields[field];
    if (typeof value === 'string') values[field] = value.slice(0, 2 * NOTE_MAX_LENGTH);
  }
  const parsed = shareFormSchema.safeParse(fields);
  if (parsed.success) return { kind: 'valid', form: parsed.data, values };
  const errors: Partial<Record<ShareField, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as ShareField;
    errors[field] ??= issue.message;
  }
  return { kind: 'invalid', errors, values };
}
