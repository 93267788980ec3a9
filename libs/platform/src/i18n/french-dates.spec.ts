import { formatFrenchDate, formatFrenchDateTime } from './french-dates';

describe('formatFrenchDate', () => {
  it.each([
    ['2020-07-16', '16 juillet 2020'],
    ['2024-05-01', '1er mai 2024'],
    ['2025-02-02', '2 février 2025'],
    ['2025-08-31', '31 août 2025'],
    ['2025-12-10', '10 décembre 2025'],
    ['2024-02-29', '29 février 2024'],
  ])('%s → %s', (date, french) => {
    expect(formatFrenchDate(date)).toBe(french);
  });

  it('refuses what is not a calendar date', () => {
    for (const bad of ['2025-13-01', '2025-02-29', '2025-04-31', '2025-00-10', '16/07/2020', '2020-7-16', '']) {
      expect(() => formatFrenchDate(bad)).toThrow(RangeError);
    }
  });
});

describe('formatFrenchDateTime', () => {
  it('writes an instant in Paris time, summer and winter', () => {
    expect(formatFrenchDateTime('2020-07-16T07:05:00Z')).toBe('16 juillet 2020 à 9 h 05');
    expect(formatFrenchDateTime(new Date('2024-01-31T23:30:00Z'))).toBe('1er février 2024 à 0 h 30');
  });
});
