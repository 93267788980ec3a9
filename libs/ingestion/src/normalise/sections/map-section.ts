import { similarity } from './damerau-levenshtein';

/** A section of the site: `name` is what readers see and what `mapSection` returns. */
export interface SiteSection {
  slug: string;
  name: string;
  /** Other spellings sources use for it, matched exactly after normalisation. */
  aliases?: string[];
}

/**
 * The demo site's sections, those of the seed site's navigation line
 * ("Accueil | Aperçu général de Chine | Qui sommes nous Relations bilatérales | Rubrique de l'ACHA | Services presses médias")
 * plus the section of its breadcrumb ("Portada > Infomations Importantes", whose typo the fuzzy match absorbs:
 * it is deliberately not an alias).
 */
export const DEFAULT_SECTIONS: readonly SiteSection[] = [
  { slug: 'apercu-general', name: 'Aperçu général', aliases: ['Aperçu général de Chine'] },
  { slug: 'qui-sommes-nous', name: 'Qui sommes-nous' },
  { slug: 'relations-bilaterales', name: 'Relations bilatérales' },
  { slug: 'rubrique-de-l-association', name: 'Rubrique de l’association', aliases: ['Rubrique de l’ACHA'] },
  { slug: 'services-presse-et-medias', name: 'Services presse et médias', aliases: ['Services presses médias'] },
  { slug: 'informations-importantes', name: 'Informations importantes' },
];

/**
 * A candidate is accepted when its score reaches 0.85. On the lengths of section names (10 to 30 characters)
 * that allows about one typo (insertion, deletion, substitution or swap of two letters) per seven characters:
 * "Infomations Importantes" scores 0.96, two typos in it still 0.92, while a different word of the same
 * family does not pass ("Relations multilatérales" → 0.83 against "Relations bilatérales").
 */
export const SECTION_MATCH_THRESHOLD = 0.85;
/**
 * Each significant word of either side must have a counterpart this close on the other side, so a missing or
 * an extra word is never absorbed ("Relations" is not "Relations bilatérales"; "multilatérales" vs "bilatérales" is 0.71).
 */
const WORD_THRESHOLD = 0.75;
/** The best section must beat the next one by this much; otherwise the breadcrumb is ambiguous and stays unmapped. */
const MARGIN = 0.05;
/** Below this length (normalised) only an exact match counts: a typo in three letters is another word. */
const MIN_FUZZY_LENGTH = 4;

/** The root of a breadcrumb, never a section. */
const ROOT_CRUMBS = new Set(['accueil', 'page d accueil', 'home', 'home page', 'homepage', 'portada', 'inicio', 'startseite', 'index', 'racine']);
/** Words that carry no meaning for matching (articles, prepositions, elided forms). */
const STOP_WORDS = new Set(['de', 'des', 'du', 'la', 'le', 'les', 'l', 'd', 'et', 'en', 'a', 'au', 'aux', 'the', 'of', 'and']);

/** NFD, accents stripped, lowercase, apostrophes and punctuation → space, spaces collapsed. */
export function normaliseSectionName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const significantWords = (normalised: string) => normalised.split(' ').filter((word) => word.length > 0 && !STOP_WORDS.has(word));

/** Best similarity of each word of `from` to a word of `to`. */
function bestCounterparts(from: string[], to: string[]): number[] {
  return from.map((word) => Math.max(0, ...to.map((other) => similarity(word, other))));
}

/** How close a normalised breadcrumb is to a normalised form of a section, 0 (rejected) to 1. */
function score(query: string, form: string): number {
  const whole = similarity(query, form);
  const queryWords = significantWords(query);
  const formWords = significantWords(form);
  if (queryWords.length === 0 || formWords.length === 0) return 0;
  const forward = bestCounterparts(queryWords, formWords);
  const backward = bestCounterparts(formWords, queryWords);
  if (Math.min(...forward, ...backward) < WORD_THRESHOLD) return 0;
  const weighted = [...queryWords.map((word, i) => [word.length, forward[i]]), ...formWords.map((word, i) => [word.length, backward[i]])];
  const totalWeight = weighted.reduce((sum, [weight]) => sum + weight, 0);
  const words = weighted.reduce((sum, [weight, value]) => sum + weight * value, 0) / totalWeight;
  return Math.max(whole, words);
}

const formsOf = (section: SiteSection) => [section.name, section.slug, ...(section.aliases ?? [])].map(normaliseSectionName);

/**
 * Where a source filed a communiqué (a breadcrumb's last segment, or a whole breadcrumb "Portada > Infomations Importantes")
 * → the canonical name of the site's section, or null when it is a root crumb ("Accueil", "Portada", "Home"),
 * or nothing is close enough, or two sections are equally close: an unknown breadcrumb stays unmapped rather than guessed.
 */
export function mapSection(raw: string | null, sections: readonly SiteSection[] = DEFAULT_SECTIONS): string | null {
  if (raw === null) return null;
  const crumbs = raw.split(/[>›»]/).map(normaliseSectionName).filter((crumb) => crumb.length > 0 && !ROOT_CRUMBS.has(crumb));
  const query = crumbs.at(-1);
  if (query === undefined) return null;

  const exact = sections.find((section) => formsOf(section).includes(query));
  if (exact) return exact.name;
  if (query.length < MIN_FUZZY_LENGTH) return null;

  const ranked = sections
    .map((section) => ({ section, score: Math.max(...formsOf(section).map((form) => score(query, form))) }))
    .sort((a, b) => b.score - a.score);
  const [best, runnerUp] = ranked;
  if (!best || best.score < SECTION_MATCH_THRESHOLD) return null;
  if (runnerUp && best.score - runnerUp.score < MARGIN) return null;
  return best.section.name;
}
