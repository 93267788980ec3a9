import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('allows `limit` hits per window and per key, then says how long to wait', () => {
    const limiter = new RateLimiter(2, 60_000);
    expect(limiter.hit('a', 0).allowed).toBe(true);
    expect(limiter.hit('a', 1_000).allowed).toBe(true);
    expect(limiter.hit('a', 2_000)).toEqual({ allowed: false, retryAfterSeconds: 58 });
    expect(limiter.hit('b', 2_000).allowed).toBe(true);
    expect(limiter.hit('a', 60_000).allowed).toBe(true);
  });

  it('forgets a key on reset, and bounds its memory', () => {
    const limiter = new RateLimiter(1, 1_000, 3);
    limiter.hit('a', 0);
    limiter.reset('a');
    expect(limiter.hit('a', 0).allowed).toBe(true);
    for (const key of ['b', 'c', 'd', 'e']) limiter.hit(key, 10);
    expect(limiter.hit('e', 20).allowed).toBe(false);
  });
});
