/** U+00A0: before « : » and after «, in French. */
export const NBSP = '\u00a0';
/** U+202F: before ; ! ? in French. */
export const NNBSP = '\u202f';

/** Characters that may end the word before a high punctuation mark (letters, digits, closing brackets and quotes). */
const WORD_END = '[\\p{L}\\p{N}\\)\\]»”%]';
const SPACED_CHARS = /[\u00a0\u202f\u2007\u2009]/u;

/**
 * One paragraph (or a title) in clean typography:
 * - every whitespace run becomes one space (a single no-break or thin space between two digits, a
 *   digit grouping such as "2 100", is kept as it is: digit groupings are never altered);
 * - a straight apostrophe between two letters becomes ’;
 * - in French: a no-break space after « and before », before ":", and a narrow no-break space before
 *   ; ! ? (inserted when the text had none, but only where the mark ends a word, so "https://", "14:30"
 *   or "?id=3" stay as they are).
 * Idempotent: applying it to its own output changes nothing.
 */
export function typeset(text: string, language = 'fr'): string {
  let s = text
    .replace(/\s+/gu, (run, offset: number, whole: string) =>
      run.length === 1 && SPACED_CHARS.test(run) && /\d/.test(whole[offset - 1] ?? '') && /\d/.test(whole[offset + 1] ?? '') ? run : ' ',
    )
    .trim()
    .replace(/(?<=\p{L})'(?=\p{L})/gu, '’');
  if (language !== 'fr') return s;
  s = s
    .replace(/« ?(?=\S)/g, `«${NBSP}`)
    .replace(/(?<=\S) ?»/g, `${NBSP}»`)
    .replace(/(?<=\S) (?=:)/g, NBSP)
    .replace(new RegExp(`(?<=${WORD_END})(?=:(?:\\s|$))`, 'gu'), NBSP)
    .replace(/(?<=\S) (?=[;!?])/g, NNBSP)
    .replace(new RegExp(`(?<=${WORD_END})(?=[;!?](?:\\s|$|[»”]))`, 'gu'), NNBSP);
  return s;
}

/** Whitespace collapsed and trimmed, nothing else (labels such as a section name). */
export function collapseSpaces(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}
