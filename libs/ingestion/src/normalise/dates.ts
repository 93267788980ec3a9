const MONTHS: Record<string, number> = {
  janvier: 1, février: 2, fevrier: 2, mars: 3, avril: 4, mai: 5, juin: 6, juillet: 7, août: 8, aout: 8,
  septembre: 9, octobre: 10, novembre: 11, décembre: 12, decembre: 12,
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9,
  october: 10, november: 11, december: 12,
};
const MONTH = Object.keys(MONTHS).join('|');
const WEEKDAY = 'lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday';
/** "1er", "1ᵉʳ", "27": the day of a date written in words. */
const DAY = '(?:1\\s?er|1ᵉʳ|[0-3]?\\d)';
const S = '[\\s\\u00a0\\u202f]+';

/** "27 avril 2023", "1er mars 2024", "3 March 2024". Groups: day, month, year. */
const DAY_MONTH_YEAR = `(${DAY})${S}(${MONTH})${S}(\\d{4})`;
/** "March 3, 2024". Groups: month, day, year. */
const MONTH_DAY_YEAR = `(${MONTH})${S}(${DAY}),?${S}(\\d{4})`;

/** The calendar date as YYYY-MM-DD, or null when it does not exist (31 June, 29 February 2023, month 13). */
export function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

function dayNumber(day: string): number {
  return /^1\s?er$|^1ᵉʳ$/u.test(day) ? 1 : Number(day);
}

function fromWords(match: RegExpMatchArray, order: 'dmy' | 'mdy'): string | null {
  const [day, month, year] = order === 'dmy' ? [match[1], match[2], match[3]] : [match[2], match[1], match[3]];
  return isoDate(Number(year), MONTHS[month.toLowerCase()], dayNumber(day));
}

/**
 * The date of a line that holds nothing else: "2020-07-16", "16/07/2020", "16.07.2020",
 * "jeudi 16 juillet 2020", "le 1er mars 2024", "March 1, 2024". Null for any other line.
 */
export function parseDateLine(line: string): string | null {
  const text = line.replace(/[\s\u00a0\u202f]+/gu, ' ').trim().replace(/[.,]$/, '');
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(text);
  if (m) return isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
  m = DAY_MONTH_YEAR_LINE.exec(text);
  if (m) return fromWords(m, 'dmy');
  m = MONTH_DAY_YEAR_LINE.exec(text);
  if (m) return fromWords(m, 'mdy');
  return null;
}

/** "le", "on" and a weekday before a date that makes a line of its own (compiled once: the HTML reader tries every short block). */
const LINE_PREFIX = `^(?:(?:le|on)${S})?(?:(?:${WEEKDAY}),?${S})?`;
const DAY_MONTH_YEAR_LINE = new RegExp(`${LINE_PREFIX}${DAY_MONTH_YEAR}$`, 'iu');
const MONTH_DAY_YEAR_LINE = new RegExp(`${LINE_PREFIX}${MONTH_DAY_YEAR}$`, 'iu');

/**
 * The first date written in words in `text` (a lead sentence: "Le 27 avril 2023, …",
 * "Paris, le 1er mars 2024 — …", "On 3 March 2024, …"), or null.
 */
export function findDateInWords(text: string): string | null {
  const dmy = new RegExp(`(?<![\\p{L}\\d])${DAY_MONTH_YEAR}(?!\\d)`, 'iu').exec(text);
  const mdy = new RegExp(`(?<![\\p{L}\\d])${MONTH_DAY_YEAR}(?!\\d)`, 'iu').exec(text);
  const first = [dmy && { match: dmy, order: 'dmy' as const }, mdy && { match: mdy, order: 'mdy' as const }]
    .filter((candidate) => candidate !== null)
    .sort((a, b) => (a.match.index ?? 0) - (b.match.index ?? 0))[0];
  return first ? fromWords(first.match, first.order) : null;
}

/** Where a leading date clause ends: "Le 27 avril 2023, " or "Paris, le 1er mars 2024 — " or "On 3 March 2024, " (or the whole of a sentence that is only a dateline). 0 when there is none. */
export function leadingDateClauseLength(sentence: string): number {
  const place = `(?:\\p{Lu}[\\p{L}’'\\- ]{0,40},${S})?`;
  const date = `(?:${DAY_MONTH_YEAR}|${MONTH_DAY_YEAR})`;
  const re = new RegExp(`^${place}(?:(?:le|on)${S})?(?:(?:${WEEKDAY}),?${S})?${date}(?:(?:${S})?(?:,|—|–|-|:)${S}|\\.?$)`, 'iu');
  return re.exec(sentence)?.[0].length ?? 0;
}
