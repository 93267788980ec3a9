import { leadingDateClauseLength } from './dates';

/** A generated headline aims at this many characters at most. */
export const HEADLINE_TARGET = 110;
/** Past the target, a clause boundary is looked for up to here… */
const HEADLINE_SOFT_MAX = 200;
/** …and a headline with no boundary at all is kept whole up to here. */
const HEADLINE_HARD_MAX = 250;
/** A cut never leaves fewer characters than this. */
const MIN_CUT = 30;

const ABBREVIATIONS = new Set(['m', 'mm', 'mme', 'mmes', 'mlle', 'dr', 'pr', 'me', 'mgr', 'st', 'ste', 'mr', 'mrs', 'ms', 'prof', 'gén', 'gen', 'col', 'lt', 'jr', 'sr', 'inc', 'ltd', 'co', 'corp', 'vs', 'cf', 'av', 'apr', 'n°', 'no', 'art', 'p']);

/** Relative clauses and a semicolon: the headline keeps what comes before. */
const CLAUSE_END =
  /[\s]*(?:;|,\s+(?:à\s+laquelle|à\s+lequel|auquel|auxquels|auxquelles|à\s+qui|lors\s+de\s+laquelle|lors\s+duquel|au\s+cours\s+de\s+laquelle|au\s+cours\s+duquel|pendant\s+laquelle|durant\s+laquelle|laquelle|lequel|lesquels|lesquelles|duquel|desquels|desquelles|qui|dont|où|which|who|whom|whose|where)(?=\s|$))/giu;

const SUBJECT_DETERMINER = /^(?:le|la|les|the|l’\p{L}+)$/iu;
/** Verbs (auxiliaries mostly) that follow a subject in communiqué lead sentences. */
const VERBS = new Set(
  'a ont est sont sera seront avait avaient aura auront va vont fut doit devrait peut vient effectue effectuera préside présidera présidait reçoit recevra rencontre rencontrera annonce annoncera déclare participe participera tient tiendra has have had is was will met meets said says announced chaired'.split(' '),
);
/** Lowercase words inside personal names: Ursula von der Leyen, Charles de Gaulle. */
const NAME_PARTICLES = new Set('de du von van der den da di bin ben al el ibn del dos das'.split(' '));
/** A name preceded by one of these is a complement ("ministère des Affaires Étrangères"), not a person after a title. */
const FUNCTION_WORDS = new Set('de du des la le les au aux à en et pour par sur avec of the and for in to at'.split(' '));

const isNameToken = (token: string) => /^\p{Lu}[\p{L}’'.-]*$/u.test(token);

/**
 * A short, faithful headline from a lead paragraph: its first sentence, without a leading date clause,
 * stopped before a relative clause, its subject reduced to the person's name when it ends with one,
 * capitalised; at most about HEADLINE_TARGET characters, cut at a clause boundary when longer, never
 * mid-phrase and never with "…". Null when nothing is left (the paragraph is only a date).
 */
export function generateHeadline(paragraph: string): string | null {
  let s = firstSentence(paragraph);
  s = s.slice(leadingDateClauseLength(s));
  s = cutBeforeRelativeClause(s);
  s = reduceSubjectToName(s);
  s = shorten(s);
  s = s.replace(/[\s,;:.—–-]+$/u, '').trim();
  if (!/\p{L}/u.test(s)) return null;
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Up to the first full stop, question or exclamation mark that ends a sentence ("M. Wang" is not an end). */
export function firstSentence(paragraph: string): string {
  for (const match of paragraph.matchAll(/[.!?…](?=\s+[«“"(\p{Lu}\d]|\s*$)/gu)) {
    const before = paragraph.slice(0, match.index);
    const lastWord = /(\S+)$/u.exec(before)?.[1] ?? '';
    if (match[0] === '.' && (ABBREVIATIONS.has(lastWord.toLowerCase()) || /^\p{Lu}$/u.test(lastWord))) continue;
    return paragraph.slice(0, match.index + (match[0] === '.' ? 0 : 1)).trim();
  }
  return paragraph.trim();
}

function cutBeforeRelativeClause(s: string): string {
  for (const match of s.matchAll(CLAUSE_END)) {
    if ((match.index ?? 0) >= MIN_CUT) return s.slice(0, match.index);
  }
  return s;
}

/** "le conseiller d’État et ministre des Affaires étrangères Qin Gang a présidé …" → "Qin Gang a présidé …". */
function reduceSubjectToName(s: string): string {
  const tokens = s.split(' ');
  if (!SUBJECT_DETERMINER.test(tokens[0] ?? '')) return s;
  for (let verb = 2; verb < Math.min(tokens.length, 30); verb++) {
    const word = tokens[verb].toLowerCase();
    if (!VERBS.has(word) && !/^(?:s’|n’)\p{L}/u.test(word) && word !== 'se' && word !== 'ne') continue;
    let start = verb - 1;
    while (start > 0 && (isNameToken(tokens[start]) || NAME_PARTICLES.has(tokens[start]))) start--;
    start++;
    while (start < verb && !isNameToken(tokens[start])) start++;
    const capitals = tokens.slice(start, verb).filter(isNameToken).length;
    const before = tokens[start - 1]?.toLowerCase() ?? '';
    if (capitals >= 2 && start > 1 && !FUNCTION_WORDS.has(before)) return tokens.slice(start).join(' ');
    return s; // the first verb closes the subject: no name there
  }
  return s;
}

function balanced(s: string): boolean {
  const count = (c: string) => s.split(c).length - 1;
  return count('«') === count('»') && count('(') === count(')') && count('“') === count('”');
}

function shorten(s: string): string {
  if (s.length <= HEADLINE_TARGET) return s;
  const commas = [...s.matchAll(/,(?=\s)/g)].map((m) => m.index ?? 0).filter((at) => at >= MIN_CUT && balanced(s.slice(0, at)));
  const lastBefore = commas.filter((at) => at <= HEADLINE_TARGET).pop();
  if (lastBefore !== undefined) return s.slice(0, lastBefore);
  const boundaries = [...s.matchAll(/\s*(?:,|—|–|:|\()\s*/g)]
    .map((m) => m.index ?? 0)
    .filter((at) => at >= MIN_CUT && at <= HEADLINE_SOFT_MAX && balanced(s.slice(0, at)));
  if (boundaries.length) return s.slice(0, boundaries[0]);
  if (s.length <= HEADLINE_HARD_MAX) return s;
  return s.slice(0, s.lastIndexOf(' ', HEADLINE_TARGET));
}
