import { latestDuePeriod, zonedInstant } from './digest-schedule';

const paris = { hour: 7, weekday: 1, timeZone: 'Europe/Paris' };

describe('digest schedule', () => {
  it('finds the instant of a Paris hour, winter and summer time', () => {
    expect(zonedInstant(2024, 1, 15, 7, 'Europe/Paris').toISOString()).toBe('2024-01-15T06:00:00.000Z');
    expect(zonedInstant(2024, 7, 15, 7, 'Europe/Paris').toISOString()).toBe('2024-07-15T05:00:00.000Z');
    // The day summer time starts (31 March 2024, 2:00 → 3:00).
    expect(zonedInstant(2024, 3, 31, 7, 'Europe/Paris').toISOString()).toBe('2024-03-31T05:00:00.000Z');
  });

  it('names the daily period by its local date, today once the hour has passed, yesterday before', () => {
    expect(latestDuePeriod('daily-digest', new Date('2024-05-02T05:30:00Z'), paris)).toEqual({
      kind: 'daily-digest',
      key: 'daily-digest:2024-05-02',
      localDate: '2024-05-02',
      end: new Date('2024-05-02T05:00:00Z'),
    });
    expect(latestDuePeriod('daily-digest', new Date('2024-05-02T04:59:59Z'), paris).key).toBe('daily-digest:2024-05-01');
    // Just after midnight in Paris, still 1 May in UTC.
    expect(latestDuePeriod('daily-digest', new Date('2024-05-01T22:30:00Z'), paris).key).toBe('daily-digest:2024-05-01');
  });

  it('puts the weekly period on the configured weekday', () => {
    // 2024-05-06 is a Monday.
    expect(latestDuePeriod('weekly-digest', new Date('2024-05-06T05:00:00Z'), paris).key).toBe('weekly-digest:2024-05-06');
    expect(latestDuePeriod('weekly-digest', new Date('2024-05-06T04:00:00Z'), paris).key).toBe('weekly-digest:2024-04-29');
    expect(latestDuePeriod('weekly-digest', new Date('2024-05-12T20:00:00Z'), paris).key).toBe('weekly-digest:2024-05-06');
    expect(latestDuePeriod('weekly-digest', new Date('2024-05-12T20:00:00Z'), { ...paris, weekday: 7 }).key).toBe('weekly-digest:2024-05-12');
  });
});
