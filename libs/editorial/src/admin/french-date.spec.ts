import { frenchDate, frenchDateTime } from './french-date';

describe('French dates', () => {
  it('writes a calendar date the French way, the first of the month as "1er"', () => {
    expect(frenchDate('2020-07-16')).toBe('16 juillet 2020');
    expect(frenchDate('2024-05-01')).toBe('1er mai 2024');
    expect(frenchDate('2025-12-09')).toBe('9 décembre 2025');
    expect(frenchDate('2026-02-28')).toBe('28 février 2026');
  });

  it('writes an instant in Paris time, summer and winter', () => {
    expect(frenchDateTime('2020-07-16T07:05:00Z')).toBe('16 juillet 2020 à 9 h 05');
    expect(frenchDateTime(new Date('2024-01-31T23:30:00Z'))).toBe('1er février 2024 à 0 h 30');
  });
});
