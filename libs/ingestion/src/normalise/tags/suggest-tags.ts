import { AMBIGUOUS_BARE_NAMES, ENGLISH_COUNTRIES, ENGLISH_DEMONYMS, FRENCH_COUNTRIES, FRENCH_DEMONYMS, demonymForms } from './countries';
import { ENGLISH_NAMES_OF_KNOWN, ENGLISH_ONLY_FORMS, ENGLISH_ORGANISATION_WORDS, FRENCH_ORGANISATION_WORDS, KNOWN_ORGANISATIONS } from './organisations';

/** A suggested tag: an editor accepts or drops it. */
export interface Tag {
  kind: 'person' | 'organisation' | 'country';
  /** Canonical name: the country's usual short name, the organisation's name without its article, the person's full name. */
  name: string;
  /** How many times the text mentions it (title included), all forms together. */
  mentions: number;
}

export const MAX_TAGS = 15;

/** Capitalised words that never belong to a person's name: articles, pronouns, conjunctions, titles, regions, months, days, nouns capitalised by convention. */
const NOT_A_NAME = new Set(
  [
    // French
    'Le', 'La', 'Les', 'L', 'Un', 'Une', 'Des', 'Du', 'De', 'D', 'Ce', 'Cet', 'Cette', 'Ces', 'Il', 'Elle', 'Ils', 'Elles', 'Nous', 'Vous', 'On', 'Je',
    'Et', 'Mais', 'Ou', 'Donc', 'Or', 'Ni', 'Car', 'Dans', 'Pour', 'Par', 'Sur', 'Sous', 'Avec', 'Sans', 'Selon', 'Depuis', 'Après', 'Avant', 'Lors',
    'En', 'Au', 'Aux', 'À', 'A', 'Si', 'Quand', 'Comme', 'Cela', 'Ceci', 'Tout', 'Tous', 'Toutes', 'Toute', 'Son', 'Sa', 'Ses', 'Leur', 'Leurs', 'Notre', 'Nos',
    'Monsieur', 'Madame', 'Mademoiselle', 'M', 'Mme', 'Mmes', 'MM', 'Mlle', 'Dr', 'Pr', 'Me', 'Président', 'Présidente', 'Ministre', 'Premier', 'Première',
    'Vice', 'Secrétaire', 'Général', 'Générale', 'Ambassadeur', 'Ambassadrice', 'Conseiller', 'Conseillère', 'Chancelier', 'Roi', 'Reine', 'Prince', 'Princesse', 'Pape',
    'Affaires', 'Étrangères', 'État', 'États', 'Etat', 'Etats', 'Gouvernement', 'République', 'Royaume', 'Sommet', 'Déclaration', 'Charte', 'Route', 'Ceinture',
    'Soie', 'Initiative', 'Homme', 'Internet', 'Dieu', 'Nations', 'Unies', 'Secrétaire-Général', 'Majesté', 'Altesse', 'Excellence', 'Vice-Président', 'Vice-Présidente', 'Vice-Premier', 'Vice-Ministre',
    'Asie', 'Europe', 'Afrique', 'Amérique', 'Amériques', 'Océanie', 'Arctique', 'Antarctique', 'Pacifique', 'Atlantique', 'Méditerranée', 'Caucase', 'Balkans',
    'Maghreb', 'Sahel', 'Moyen-Orient', 'Proche-Orient', 'Extrême-Orient', 'Nord', 'Sud', 'Est', 'Ouest', 'Centrale', 'Occidentale', 'Orientale',
    'Janvier', 'Février', 'Mars', 'Avril', 'Mai', 'Juin', 'Juillet', 'Août', 'Septembre', 'Octobre', 'Novembre', 'Décembre',
    'Lundi', 'Mardi', 'Mercredi', 'Jeudi', 'Vendredi', 'Samedi', 'Dimanche',
    // English
    'The', 'An', 'This', 'That', 'These', 'Those', 'It', 'He', 'She', 'They', 'We', 'I', 'In', 'At', 'For', 'By', 'With', 'From', 'As', 'But', 'And',
    'If', 'When', 'While', 'During', 'Before', 'After', 'His', 'Her', 'Their', 'Our', 'Its', 'Mr', 'Mrs', 'Ms', 'Sir', 'Dame', 'President', 'Minister', 'Foreign',
    'Affairs', 'Prime', 'Secretary', 'General', 'State', 'Councilor', 'Councillor', 'Chairman', 'Chancellor', 'King', 'Queen', 'Ambassador', 'Senator',
    'Secretary-General', 'Vice-President', 'Vice-Premier', 'Governor', 'Mayor', 'Spokesperson', 'Spokesman', 'Government', 'Republic', 'Kingdom', 'Summit', 'Declaration', 'Charter', 'Belt', 'Road', 'Silk',
    'Asia', 'Central', 'Africa', 'America', 'North', 'South', 'East', 'West', 'Middle', 'Western', 'Eastern',
    'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
    'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday',
  ],
);

/** Two-word places and events that look like a person's name. */
const NOT_A_PERSON = new Set([
  'Hong Kong', 'New York', 'New Delhi', 'Buenos Aires', 'Abou Dhabi', 'Abu Dhabi', 'Tel Aviv', 'Los Angeles', 'Kuala Lumpur', 'Phnom Penh',
  'San Francisco', 'Rio de Janeiro', 'Nouvel An', 'New Year', 'White House', 'Wall Street', 'Silicon Valley', 'Saint Siège', 'Sri Lanka', 'Costa Rica',
]);

/** Abbreviated titles: "M. Wang", "Mme Dupont", "Mr Smith". Their full stop does not end a sentence. */
const TITLE_ABBREVIATIONS = new Set(['M', 'Mme', 'Mmes', 'MM', 'Mlle', 'Dr', 'Pr', 'Me', 'Mr', 'Mrs', 'Ms', 'St']);
/** Words (lowercased) that announce a person's name right after them. */
const TITLE_WORDS = new Set([
  'ministre', 'président', 'présidente', 'premier', 'première', 'secrétaire', 'ambassadeur', 'ambassadrice', 'chancelier', 'chancelière', 'roi', 'reine',
  'prince', 'princesse', 'pape', 'général', 'générale', 'sénateur', 'sénatrice', 'député', 'députée', 'maire', 'porte-parole', 'directeur', 'directrice',
  'conseiller', 'conseillère', 'gouverneur', 'émir', 'cheikh', 'juge', 'professeur', 'professeure', 'docteur', 'vice-président', 'vice-ministre',
  'monsieur', 'madame', 'president', 'minister', 'secretary', 'ambassador', 'chancellor', 'king', 'queen', 'senator', 'governor', 'mayor', 'spokesperson',
  'spokesman', 'chairman', 'councilor', 'councillor', 'sir', 'dame', 'secrétaire-général', 'secretary-general', 'vice-premier', 'vice-president',
]);
/** Lowercase particles inside a name: "Charles de Gaulle", "Ursula von der Leyen". */
const NAME_PARTICLES = new Set(['de', 'von', 'van', 'der', 'den', 'da', 'di', 'del', 'bin', 'ben', 'ibn', 'al', 'el', 'dos', 'das']);
/** Small words inside a French organisation's name. */
const ORGANISATION_CONNECTORS = new Set(['de', 'du', 'des', 'la', 'le', 'les', 'pour', 'et', 'en', 'sur', 'à', 'au', 'aux', 'contre', 'dans']);
/** Words after which an organisation's name cannot go on (verbs, relatives, pronouns). */
const ORGANISATION_STOPS = new Set([
  'a', 'ont', 'est', 'sont', 'sera', 'seront', 'était', 'étaient', 'avait', 'avaient', 'fait', 'font', 'doit', 'doivent', 'peut', 'peuvent', 'va', 'vont',
  'qui', 'que', 'dont', 'où', 'se', 'ne', 'il', 'elle', 'ils', 'elles', 'on', 'y', 'lui', 'leur', 'ce', 'cette', 'ces', 'son', 'sa', 'ses', 'a-t-il',
]);
/** English organisation names: capitalised words joined by these. */
const ENGLISH_CONNECTORS = new Set(['of', 'for', 'and', 'on', 'the']);

interface Token {
  text: string;
  /** Where `text` starts (after an elided article: "l’Organisation" → "Organisation"). */
  start: number;
  end: number;
  /** What is between the previous token and this one (including an elided article). */
  gap: string;
  sentenceStart: boolean;
  /** Right after a title: "M. Wang", "président Xi Jinping". */
  titled: boolean;
}

const ELISION = /^(l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)’(?=[\p{L}\p{N}])/iu;
const CAPITALISED = /^\p{Lu}[\p{Ll}\p{M}]*(?:[-’]\p{Lu}?[\p{Ll}\p{M}]+)*$/u;

function tokenise(text: string): Token[] {
  const tokens: Token[] = [];
  let previousEnd = 0;
  for (const match of text.matchAll(/[\p{L}\p{N}]+(?:[-’][\p{L}\p{N}]+)*/gu)) {
    let word = match[0];
    let start = match.index;
    const elided = ELISION.exec(word);
    if (elided) {
      word = word.slice(elided[0].length);
      start += elided[0].length;
    }
    const gap = text.slice(previousEnd, start);
    const previous = tokens.at(-1);
    const afterAbbreviation = previous !== undefined && TITLE_ABBREVIATIONS.has(previous.text) && /^\.?\s+$/.test(gap);
    const sentenceStart = previous === undefined || (/[.!?…]/.test(gap) && !afterAbbreviation && !/^\p{Lu}$/u.test(previous.text)) || /[«“"(—–]/.test(gap);
    const titled = previous !== undefined && (afterAbbreviation || (TITLE_WORDS.has(previous.text.toLowerCase()) && /^\s+$/.test(gap)));
    tokens.push({ text: word, start, end: start + word.length, gap, sentenceStart, titled });
    previousEnd = match.index + match[0].length;
  }
  return tokens;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One regex for many forms, longest first, whole words only. */
function formsPattern(forms: Iterable<string>, flags: string, noHyphenBefore = false): RegExp {
  const alternatives = [...new Set(forms)].sort((a, b) => b.length - a.length).map(escapeRegExp);
  return new RegExp(`(?<![\\p{L}\\p{N}${noHyphenBefore ? '\\-' : ''}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, flags);
}

interface FormTable {
  pattern: RegExp;
  canonical: Map<string, string>;
}

function formTable(entries: Array<[string, string[]]>, flags: string, noHyphenBefore = false): FormTable {
  const canonical = new Map<string, string>();
  for (const [name, forms] of entries) for (const form of forms) canonical.set(flags.includes('i') ? form.toLowerCase() : form, name);
  return { pattern: formsPattern(canonical.keys(), flags, noHyphenBefore), canonical };
}

const lookup = (table: FormTable, found: string) => table.canonical.get(table.pattern.flags.includes('i') ? found.toLowerCase() : found);

function countryEntries(countries: Record<string, string[]>): Array<[string, string[]]> {
  return Object.entries(countries).map(([name, variants]) => [name, [...(AMBIGUOUS_BARE_NAMES.has(name) ? [] : [name]), ...variants]]);
}

const FRENCH_COUNTRY_TABLE = formTable(countryEntries(FRENCH_COUNTRIES), 'gu');
const ENGLISH_COUNTRY_TABLE = formTable(countryEntries(ENGLISH_COUNTRIES), 'gu');
const FRENCH_DEMONYM_TABLE = formTable(
  Object.entries(FRENCH_DEMONYMS).map(([country, bases]) => [country, bases.flatMap(demonymForms)]),
  'giu',
  true,
);
const ENGLISH_DEMONYM_TABLE = formTable(Object.entries(ENGLISH_DEMONYMS), 'gu', true);
/** Known organisations, under their French names, or their English names in English text. */
const organisationTable = (english: boolean) =>
  formTable(
    Object.entries(KNOWN_ORGANISATIONS).map(([name, forms]) => [
      (english && ENGLISH_NAMES_OF_KNOWN[name]) || name,
      forms.filter((form) => english || !ENGLISH_ONLY_FORMS.has(form)),
    ]),
    'gu',
  );
const FRENCH_ORGANISATION_TABLE = organisationTable(false);
const ENGLISH_ORGANISATION_TABLE = organisationTable(true);

/** One text (the title or a paragraph) with the characters already given to a tag. */
class Passage {
  readonly claimed: boolean[];
  readonly tokens: Token[];
  /** Known organisations found by name: where each starts → its end and tag name. */
  readonly organisations = new Map<number, { end: number; name: string }>();

  constructor(readonly text: string) {
    this.claimed = new Array<boolean>(text.length).fill(false);
    this.tokens = tokenise(text);
  }

  isClaimed(start: number, end: number): boolean {
    return this.claimed.slice(start, end).some(Boolean);
  }

  claim(start: number, end: number): void {
    this.claimed.fill(true, start, end);
  }

  /** Every free match of the table, claimed; `accept` may refuse one by its position. */
  *matches(table: FormTable, accept: (index: number) => boolean = () => true): Generator<{ name: string; start: number; end: number }> {
    for (const match of this.text.matchAll(table.pattern)) {
      const end = match.index + match[0].length;
      if (this.isClaimed(match.index, end) || !accept(match.index)) continue;
      const name = lookup(table, match[0]);
      if (name === undefined) continue;
      this.claim(match.index, end);
      yield { name, start: match.index, end };
    }
  }
}

class Tally {
  private readonly counts = new Map<string, Tag>();

  add(kind: Tag['kind'], name: string, mentions = 1): void {
    const key = `${kind}\u0000${name}`;
    const tag = this.counts.get(key);
    if (tag) tag.mentions += mentions;
    else this.counts.set(key, { kind, name, mentions });
  }

  tags(): Tag[] {
    return [...this.counts.values()].filter((tag) => tag.mentions > 0).sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name, 'fr'));
  }
}

const isCapitalised = (token: Token) => CAPITALISED.test(token.text);
const onlySpaces = (gap: string) => /^\s+$/.test(gap);
/** The gap holds only spaces and, maybe, an elided article ("pour l’interaction"). */
const joined = (gap: string) => /^\s+(?:[\p{L}]{1,6}’)?$/u.test(gap);

/**
 * French organisations by the shape of their names: a capitalised organisation word ("Organisation", "Banque", "Conseil"…),
 * then its complement up to the last capitalised word ("Organisation de coopération de Shanghai", "Conseil des ministres
 * des Affaires étrangères") or, without one, its adjectives or "de" + a noun ("Banque mondiale", "Conseil de sécurité").
 */
function frenchOrganisations(passage: Passage, tally: Tally): void {
  const { tokens } = passage;
  for (let i = 0; i < tokens.length; i++) {
    const head = tokens[i];
    if (!FRENCH_ORGANISATION_WORDS.has(head.text) || passage.isClaimed(head.start, head.end)) continue;
    const span: Token[] = [];
    const swallowed: string[] = [];
    for (let j = i + 1; j < tokens.length && span.length < 10; j++) {
      const token = tokens[j];
      if (!joined(token.gap) || ORGANISATION_STOPS.has(token.text.toLowerCase())) break;
      if (passage.isClaimed(token.start, token.end)) {
        // "Banque de Chine" keeps its country; "Union européenne et la Chine" does not.
        const before = span.at(-1);
        if ((before && ['de', 'du', 'des', 'en'].includes(before.text)) || /d’$/.test(token.gap)) {
          span.push(token);
          // "Cour de justice de l’Union européenne": the known organisation inside is part of the name, not a mention of its own.
          const inner = passage.organisations.get(token.start);
          if (inner) {
            while (tokens[j + 1] && tokens[j + 1].end <= inner.end) span.push(tokens[++j]);
            swallowed.push(inner.name);
          }
        }
        break;
      }
      const before = span.at(-1);
      if (isCapitalised(token) && before && !isCapitalised(before) && !ORGANISATION_CONNECTORS.has(before.text) && !/’$/.test(token.gap)) {
        // "Commission économique pour l’Afrique assistaient Maurice…": a name comes after a connector, not after a verb.
        span.pop();
        break;
      }
      span.push(token);
    }
    let end = -1;
    const lastCapital = span.map(isCapitalised).lastIndexOf(true);
    if (lastCapital >= 0) {
      end = lastCapital;
      const next = span[lastCapital + 1];
      if (next && !ORGANISATION_CONNECTORS.has(next.text) && !isCapitalised(next) && onlySpaces(next.gap)) end += 1;
    } else if (span[0] && !ORGANISATION_CONNECTORS.has(span[0].text) && onlySpaces(span[0].gap)) {
      end = 0;
      if (span[1] && !ORGANISATION_CONNECTORS.has(span[1].text) && onlySpaces(span[1].gap)) end = 1;
    } else {
      const noun = span.findIndex((token) => !ORGANISATION_CONNECTORS.has(token.text));
      if (noun > 0 && noun <= 2) end = noun;
    }
    if (end < 0) continue;
    if (swallowed.length > 0) {
      end = span.length - 1;
      for (const name of swallowed) tally.add('organisation', name, -1);
    }
    const last = span[end];
    passage.claim(head.start, last.end);
    tally.add('organisation', passage.text.slice(head.start, last.end).replace(/\s+/g, ' '));
    i += end + 1;
  }
}

/** English organisations: capitalised words, joined by "of", "for", "and", "the", one of which is an organisation word ("World Health Organization"). */
function englishOrganisations(passage: Passage, tally: Tally): void {
  const { tokens } = passage;
  let i = 0;
  while (i < tokens.length) {
    if (!isCapitalised(tokens[i]) || passage.isClaimed(tokens[i].start, tokens[i].end)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < tokens.length && onlySpaces(tokens[j + 1].gap)) {
      const next = tokens[j + 1];
      if (passage.isClaimed(next.start, next.end)) break;
      if (isCapitalised(next)) j++;
      else if (ENGLISH_CONNECTORS.has(next.text)) {
        let k = j + 1;
        while (k < tokens.length && ENGLISH_CONNECTORS.has(tokens[k].text) && onlySpaces(tokens[k].gap)) k++;
        if (k < tokens.length && isCapitalised(tokens[k]) && onlySpaces(tokens[k].gap) && !passage.isClaimed(tokens[k].start, tokens[k].end)) j = k;
        else break;
      } else break;
    }
    let first = i;
    while (first < j && ['The', 'A', 'An'].includes(tokens[first].text)) first++;
    let run = tokens.slice(first, j + 1);
    // "Foreign Ministry Spokesperson Mao Ning": the title and the name after it are not part of the organisation.
    const title = run.findIndex((token, k) => k > 0 && TITLE_WORDS.has(token.text.toLowerCase()));
    if (title > 0) {
      run = run.slice(0, title);
      j = first + title - 1;
    }
    if (run.length >= 2 && run.some((token) => ENGLISH_ORGANISATION_WORDS.has(token.text))) {
      passage.claim(run[0].start, run[run.length - 1].end);
      tally.add('organisation', passage.text.slice(run[0].start, run[run.length - 1].end).replace(/\s+/g, ' '));
    }
    i = j + 1;
  }
}

interface NameRun {
  name: string;
  /** The capitalised words, without particles. */
  words: string[];
  /** Not at a sentence's start, or right after a title. */
  confirmed: boolean;
  titled: boolean;
  /** Right after a definite article: a portfolio or an institution ("ministre de la Culture de Valdoria"), not a person. */
  afterArticle: boolean;
}

/** Definite articles: a person's name does not follow one. */
const DEFINITE_ARTICLES = new Set(['la', 'le', 'les', 'the']);

/** Words that continue a name but never start one: regnal numbers ("Mohammed VI"). */
const REGNAL_NUMBER = /^[IVX]{1,5}$/;

/** Runs of capitalised words that may be names: not already claimed, not articles, titles, regions, months… */
function nameRuns(passage: Passage): NameRun[] {
  const { tokens } = passage;
  const runs: NameRun[] = [];
  const canBeName = (token: Token) =>
    isCapitalised(token) && !NOT_A_NAME.has(token.text) && !TITLE_WORDS.has(token.text.toLowerCase()) && !passage.isClaimed(token.start, token.end);
  let i = 0;
  while (i < tokens.length) {
    if (!canBeName(tokens[i])) {
      i++;
      continue;
    }
    const run = [tokens[i]];
    let j = i + 1;
    while (j < tokens.length && onlySpaces(tokens[j].gap)) {
      if (canBeName(tokens[j]) || REGNAL_NUMBER.test(tokens[j].text)) run.push(tokens[j]);
      else if ((NAME_PARTICLES.has(tokens[j].text) || ['Le', 'La', 'Du', 'De'].includes(tokens[j].text)) && tokens[j + 1] && onlySpaces(tokens[j + 1].gap) && canBeName(tokens[j + 1])) {
        run.push(tokens[j], tokens[j + 1]);
        j++;
      } else break;
      j++;
    }
    const words = run.filter((token) => !NAME_PARTICLES.has(token.text)).map((token) => token.text);
    if (words.length <= 4) {
      const head = run[0];
      const afterArticle = i > 0 && DEFINITE_ARTICLES.has(tokens[i - 1].text) && onlySpaces(head.gap);
      runs.push({ name: run.map((token) => token.text).join(' '), words, confirmed: head.titled || !head.sentenceStart, titled: head.titled, afterArticle });
    }
    i = j;
  }
  return runs;
}

/** People: runs of 2 to 4 capitalised words; at a sentence's start only when the same name was seen elsewhere; "M. Wang" joins "Wang Yi". */
function people(passages: Passage[], tally: Tally): void {
  const runs = passages.flatMap((passage) => nameRuns(passage));
  const full = runs.filter((run) => run.words.length >= 2 && !NOT_A_PERSON.has(run.name) && !(run.afterArticle && !run.titled));
  const known = new Set(full.filter((run) => run.confirmed).map((run) => run.name));
  const counts = new Map<string, number>();
  const count = (name: string) => counts.set(name, (counts.get(name) ?? 0) + 1);
  for (const run of full) {
    if (known.has(run.name)) count(run.name);
    else {
      // "Hier Wang Yi a…": the sentence's first word is not part of the name.
      const rest = run.name.slice(run.words[0].length + 1);
      if (run.words.length >= 3 && known.has(rest)) count(rest);
    }
  }
  // Only a titled single word is a person ("M. Wang"), merged into the one known full name that begins or ends with it.
  for (const run of runs) {
    if (run.words.length !== 1 || !run.titled) continue;
    const [word] = run.words;
    const owners = [...known].filter((name) => {
      const words = name.split(' ');
      return words[0] === word || words[words.length - 1] === word;
    });
    if (owners.length === 1) count(owners[0]);
    else if (owners.length === 0) count(word);
  }
  for (const [name, mentions] of counts) tally.add('person', name, mentions);
}

/**
 * Tags an editor may attach to a communiqué: the countries (names and demonyms: "ministre kazakh" → Kazakhstan),
 * the organisations (known ones under one name whatever their form, others by the shape of their names) and the
 * people it mentions, most mentioned first (then by name), at most 15. Heuristics only: no model, no network.
 * `language` 'en' reads English names; anything else French. `limit`: how many tags at most (15).
 */
export function suggestTags(title: string, paragraphs: string[], language: string, limit = MAX_TAGS): Tag[] {
  const english = language === 'en';
  const passages = [title, ...paragraphs]
    .filter((text) => text.trim().length > 0)
    .map((text) => new Passage(text.replace(/(?<=\p{L})['`´ʼ](?=\p{L})/gu, '’').replace(/[\u00a0\u202f]/g, ' ')));
  const tally = new Tally();

  for (const passage of passages) {
    for (const { name, start, end } of passage.matches(english ? ENGLISH_ORGANISATION_TABLE : FRENCH_ORGANISATION_TABLE)) {
      passage.organisations.set(start, { end, name });
      tally.add('organisation', name);
    }
    for (const { name } of passage.matches(english ? ENGLISH_COUNTRY_TABLE : FRENCH_COUNTRY_TABLE)) tally.add('country', name);
    const demonyms = english ? ENGLISH_DEMONYM_TABLE : FRENCH_DEMONYM_TABLE;
    // "en français" is the language, not the country.
    const notALanguage = (index: number) => english || !/(?:^|\s)en\s+$/i.test(passage.text.slice(Math.max(0, index - 4), index));
    for (const { name } of passage.matches(demonyms, notALanguage)) tally.add('country', name);
    if (english) englishOrganisations(passage, tally);
    else frenchOrganisations(passage, tally);
  }
  people(passages, tally);
  return tally.tags().slice(0, limit);
}
