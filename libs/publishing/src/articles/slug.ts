/** A slug is at most this long before its `-2`, `-3` suffix, cut at a word boundary. */
export const SLUG_MAX_LENGTH = 80;

/** What a title with no Latin letter or digit at all becomes (then `article-2`, ...). */
export const FALLBACK_SLUG = 'article';

/** Letters NFD does not decompose: ligatures and a few letters with a stroke. */
const LETTERS: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ẞ: 'ss', ø: 'o', đ: 'd', ł: 'l', þ: 'th', ð: 'd' };

/**
 * The address part of an article's URL, from its title: lower case, diacritics stripped (NFD), œ → oe,
 * æ → ae, ß → ss; apostrophes, punctuation and spaces become single hyphens; at most 80 characters, cut
 * at a word boundary. "Coupures d'eau : l'Été" → "coupures-d-eau-l-ete".
 */
export function slugify(title: string): string {
  const ascii = title
    .toLowerCase()
    .replace(/[œæßẞøđłþð]/g, (letter) => LETTERS[letter])
    .normalize('NFD')
    .replace(/\p{M}+/gu, '');
  let slug = '';
  for (const word of ascii.split(/[^a-z0-9]+/).filter(Boolean)) {
    const longer = slug ? `${slug}-${word}` : word;
    if (longer.length > SLUG_MAX_LENGTH) {
      // A single word longer than the limit is cut where the limit falls.
      if (!slug) slug = word.slice(0, SLUG_MAX_LENGTH);
      break;
    }
    slug = longer;
  }
  return slug || FALLBACK_SLUG;
}

/** `base` if no other article has it, else the first free `base-2`, `base-3`, ... */
export function uniqueSlug(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}
