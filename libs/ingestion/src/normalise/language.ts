/** Frequent short words that tell the languages apart; a later version may add more languages. */
const STOP_WORDS: Record<string, ReadonlySet<string>> = {
  fr: new Set('le la les des du de un une et est sont à au aux que qui dans pour par sur avec pas ne ce cette ces il elle nous vous ont été leur leurs où dont mais ou se sa son ses'.split(' ')),
  en: new Set('the and is are was were of to in for with by that which who this these those it its from at as be been has have had not but their will would'.split(' ')),
};

/** The language of `text` by stop-word counts: 'fr' or 'en' for now, 'fr' when unsure (the product is French first). */
export function detectLanguage(text: string): string {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  const scores = Object.fromEntries(Object.keys(STOP_WORDS).map((lang) => [lang, 0])) as Record<string, number>;
  for (const word of words) {
    for (const [lang, stopWords] of Object.entries(STOP_WORDS)) if (stopWords.has(word)) scores[lang]++;
  }
  // English wins only clearly: a few French words in an English text (or the reverse) are common.
  return scores.en >= 3 && scores.en > scores.fr * 1.5 ? 'en' : 'fr';
}
