const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

const day = (n: number) => (n === 1 ? '1er' : String(n));

/** A calendar date as readers see it: "16 juillet 2020", "1er mai 2024". */
export function frenchDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const [, year, month, date] = match;
  return `${day(Number(date))} ${MONTHS[Number(month) - 1]} ${Number(year)}`;
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
export function frenchDateTime(at: Date | string): string {
  const parts = Object.fromEntries(PARIS.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  return `${day(Number(parts.day))} ${MONTHS[Number(parts.month) - 1]} ${parts.year} à ${Number(parts.hour)} h ${parts.minute.padStart(2, '0')}`;
}
