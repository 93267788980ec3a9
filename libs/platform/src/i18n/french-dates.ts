// Dates as French readers write them, for the site, the emails and the admin alike.
const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

const dayOfMonth = (day: number) => (day === 1 ? '1er' : String(day));

/** A calendar date: '2020-07-16' → '16 juillet 2020', '2024-05-01' → '1er mai 2024'. Throws a RangeError on anything else. */
export function formatFrenchDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  if (!match || month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) {
    throw new RangeError(`not a calendar date: ${JSON.stringify(isoDate)}`);
  }
  return `${dayOfMonth(day)} ${MONTHS[month - 1]} ${year}`;
}

const PARIS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  hourCycle: 'h23',
});

/** An instant, in Paris time: "16 juillet 2020 à 9 h 05". */
export function formatFrenchDateTime(at: Date | string): string {
  const parts = Object.fromEntries(PARIS.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  return `${dayOfMonth(Number(parts.day))} ${MONTHS[Number(parts.month) - 1]} ${parts.year} à ${Number(parts.hour)} h ${parts.minute.padStart(2, '0')}`;
}
