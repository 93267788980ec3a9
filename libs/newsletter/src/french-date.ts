const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** A calendar date as French readers write it: '2020-07-16' → '16 juillet 2020', '2024-05-01' → '1er mai 2024'. */
export function formatFrenchDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  if (!match || month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) {
    throw new RangeError(`not a calendar date: ${JSON.stringify(isoDate)}`);
  }
  return `${day === 1 ? '1er' : day} ${MONTHS[month - 1]} ${year}`;
}
