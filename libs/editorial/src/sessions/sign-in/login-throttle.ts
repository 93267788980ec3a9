import { Injectable } from '@nestjs/common';
import { RateLimiter } from '@newsroom/platform';

const WINDOW_MS = 15 * 60_000;
/** Failed sign-ins allowed per (client address, email) per window. */
export const FAILURES_PER_ACCOUNT = 10;
/** Failed sign-ins allowed per client address per window, whatever the emails. */
export const FAILURES_PER_ADDRESS = 50;
const MAX_LOCKED_ADDRESSES = 100_000;

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Slows down password guessing, per process (each replica counts on its own).
 *
 * - Per (address, email): every attempt counts before the password is even checked (so parallel guesses
 *   count too), and a successful sign-in clears the count: 10 failures in a row, then 429 until the window ends.
 * - Per address: only failures count, so an office behind one address is not locked out by its own
 *   sign-ins; the 50th failure locks the address until its window ends.
 */
@Injectable()
export class LoginThrottle {
  private readonly attempts = new RateLimiter(FAILURES_PER_ACCOUNT, WINDOW_MS);
  // Its 50th hit is the first refused one: that failure locks the address.
  private readonly failures = new RateLimiter(FAILURES_PER_ADDRESS - 1, WINDOW_MS);
  private readonly lockedUntil = new Map<string, number>();

  /** Call before checking a password; refused: answer 429 with Retry-After, without checking it. */
  attempt(address: string, email: string, now = Date.now()): ThrottleVerdict {
    const locked = this.lockedUntil.get(address);
    if (locked !== undefined && locked > now) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((locked - now) / 1000)) };
    if (locked !== undefined) this.lockedUntil.delete(address);
    const hit = this.attempts.hit(accountKey(address, email), now);
    return hit.allowed ? { allowed: true } : { allowed: false, retryAfterSeconds: hit.retryAfterSeconds };
  }

  failed(address: string, now = Date.now()): void {
    const hit = this.failures.hit(address, now);
    if (hit.allowed) return;
    if (this.lockedUntil.size >= MAX_LOCKED_ADDRESSES) this.sweep(now);
    this.lockedUntil.set(address, now + hit.retryAfterSeconds * 1000);
  }

  succeeded(address: string, email: string): void {
    this.attempts.reset(accountKey(address, email));
  }

  private sweep(now: number): void {
    for (const [address, until] of this.lockedUntil) if (until <= now) this.lockedUntil.delete(address);
    if (this.lockedUntil.size >= MAX_LOCKED_ADDRESSES) this.lockedUntil.clear();
  }
}

function accountKey(address: string, email: string): string {
  return `${address}\n${email}`;
}
