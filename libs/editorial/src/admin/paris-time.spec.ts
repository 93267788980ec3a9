import { instantToParisLocal, parisLocalToInstant } from './paris-time';

describe('Paris wall-clock times', () => {
  it('turns winter and summer times into UTC instants and back', () => {
    expect(parisLocalToInstant('2026-03-03T09:00')?.toISOString()).toBe('2026-03-03T08:00:00.000Z');
    expect(parisLocalToInstant('2026-07-14T09:00')?.toISOString()).toBe('2026-07-14T07:00:00.000Z');
    expect(instantToParisLocal('2026-07-14T07:00:00.000Z')).toBe('2026-07-14T09:00');
    expect(instantToParisLocal(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01T00:30');
  });

  it('refuses what is not a datetime-local value', () => {
    expect(parisLocalToInstant('')).toBeNull();
    expect(parisLocalToInstant('2026-03-03 09:00')).toBeNull();
    expect(parisLocalToInstant('demain 9 h')).toBeNull();
  });
});
