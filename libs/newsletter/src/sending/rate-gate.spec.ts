import { RateGate } from './rate-gate';

/** A clock that moves only when the gate sleeps: the test counts what leaves in simulated time. */
function simulatedTime() {
  let now = 0;
  return { now: () => now, sleep: async (ms: number) => void (now += ms), at: () => now };
}

describe('RateGate', () => {
  it('lets through the configured number of sends per second, over several seconds', async () => {
    const time = simulatedTime();
    const gate = new RateGate(50, time);
    const times: number[] = [];
    for (let i = 0; i < 500; i++) {
      await gate.take();
      times.push(time.at());
    }
    for (let second = 0; second < 9; second++) {
      const inWindow = times.filter((t) => t >= second * 1000 && t < (second + 1) * 1000).length;
      expect(inWindow).toBeGreaterThanOrEqual(49);
      expect(inWindow).toBeLessThanOrEqual(55);
    }
  });

  it('does not hold anything with no limit (0)', async () => {
    const time = simulatedTime();
    const gate = new RateGate(0, time);
    for (let i = 0; i < 1000; i++) await gate.take();
    expect(time.at()).toBe(0);
  });

  it('lets a burst of at most a tenth of a second through at once', async () => {
    const time = simulatedTime();
    const gate = new RateGate(200, time);
    let immediate = 0;
    while (time.at() === 0 && immediate < 1000) {
      await gate.take();
      if (time.at() === 0) immediate++;
    }
    expect(immediate).toBe(20);
  });
});
