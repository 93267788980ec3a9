import { ManualClock, SystemClock } from './clock';

describe('Clock', () => {
  it('the system clock tells the real time', () => {
    const before = Date.now();
    const now = new SystemClock().now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('a manual clock stands still until set or advanced, and hands out copies', () => {
    const clock = new ManualClock('2026-05-01T10:00:00Z');
    const first = clock.now();
    first.setFullYear(2000);
    expect(clock.now().toISOString()).toBe('2026-05-01T10:00:00.000Z');
    clock.advance(90_000);
    expect(clock.now().toISOString()).toBe('2026-05-01T10:01:30.000Z');
    clock.set(new Date('2026-06-01T00:00:00Z'));
    expect(clock.now().toISOString()).toBe('2026-06-01T00:00:00.000Z');
  });
});
