/** Letters NFD does not decompose, as slugs write them. */
const LETTERS: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ẞ: 'ss', ø: 'o', đ: 'd', ł: 'l', þ: 'th', ð: 'd' };

/**
 * Text as the search index and the queries see it: lower case, accents and ligatures folded ("Élection
 * régionale" → "election regionale", "cœur" → "coeur"), typographic apostrophes made plain. Applied to
 * both sides before PostgreSQL's French configuration stems them, it does what `unaccent` placed before
 * `french_stem` would, with the same SQL on PostgreSQL and on PGlite (no extension to load).
 */
export function foldAccents(text: string): string {
  return text
    .toLowerCase()
    .replace(/[œæßẞøđłþð]/g, (letter) => LETTERS[letter])
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[’ʼ‘`]/g, "'")
    .normalize('NFC');
}
