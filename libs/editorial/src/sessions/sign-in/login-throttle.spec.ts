import { FAILURES_PER_ACCOUNT, FAILURES_PER_ADDRESS, LoginThrottle } from './login-throttle';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const MINUTE = 60_000;

describe('LoginThrottle', () => {
  const fail = (throttle: LoginThrottle, address: string, email: string, now = T0) => {
    const verdict = throttle.attempt(address, email, now);
    if (verdict.allowed) throttle.failed(address, now);
    return verdict;
  };

  it('refuses the 11th attempt on one account from one address, for the rest of the 15 minutes', () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < FAILURES_PER_ACCOUNT; i++) expect(fail(throttle, '203.0.113.5', 'ed@x.org').allowed).toBe(true);
    expect(throttle.attempt('203.0.113.5', 'ed@x.org', T0 + 5 * MINUTE)).toEqual({ allowed: false, retryAfterSeconds: 600 });
    // Another address, or another account from this address, is not affected.
    expect(throttle.attempt('203.0.113.6', 'ed@x.org', T0).allowed).toBe(true);
    expect(throttle.attempt('203.0.113.5', 'other@x.org', T0).allowed).toBe(true);
    // A new window starts after 15 minutes.
    expect(throttle.attempt('203.0.113.5', 'ed@x.org', T0 + 15 * MINUTE).allowed).toBe(true);
  });

  it('forgets an account’s failures once its password is given', () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < FAILURES_PER_ACCOUNT - 1; i++) fail(throttle, '203.0.113.5', 'ed@x.org');
    expect(throttle.attempt('203.0.113.5', 'ed@x.org', T0).allowed).toBe(true);
    throttle.succeeded('203.0.113.5', 'ed@x.org');
    for (let i = 0; i < FAILURES_PER_ACCOUNT; i++) expect(fail(throttle, '203.0.113.5', 'ed@x.org').allowed).toBe(true);
    expect(throttle.attempt('203.0.113.5', 'ed@x.org', T0).allowed).toBe(false);
  });

  it('locks an address after 50 failures on any accounts, but does not count its successes', () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < 200; i++) {
      expect(throttle.attempt('198.51.100.1', 'ok@x.org', T0).allowed).toBe(true);
      throttle.succeeded('198.51.100.1', 'ok@x.org');
    }
    for (let i = 0; i < FAILURES_PER_ADDRESS; i++) expect(fail(throttle, '198.51.100.1', `guess${i}@x.org`, T0 + MINUTE).allowed).toBe(true);
    expect(throttle.attempt('198.51.100.1', 'ok@x.org', T0 + MINUTE)).toEqual({ allowed: false, retryAfterSeconds: 900 });
    expect(throttle.attempt('198.51.100.2', 'ok@x.org', T0 + MINUTE).allowed).toBe(true);
    expect(throttle.attempt('198.51.100.1', 'ok@x.org', T0 + 16 * MINUTE).allowed).toBe(true);
  });
});
