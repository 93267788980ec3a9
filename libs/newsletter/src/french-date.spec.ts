import { formatFrenchDate } from './french-date';

describe('formatFrenchDate', () => {
  it.each([
    ['2020-07-16', '16 juillet 2020'],
    ['2024-05-01', '1er mai 2024'],
    ['2025-02-28', '28 février 2025'],
    ['2024-02-29', '29 février 2024'],
    ['2025-08-10', '10 août 2025'],
    ['2025-12-31', '31 décembre 2025'],
  ])('%s → %s', (date, french) => expect(formatFrenchDate(date)).toBe(french));

  it.each(['2025-02-29', '2025-13-01', '2025-00-10', '16/07/2020', ''])('refuses %j', (date) => expect(() => formatFrenchDate(date)).toThrow(RangeError));
});
