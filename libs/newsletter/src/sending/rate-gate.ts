/**
 * The sending rate limit (NEWSLETTER_RATE_PER_SECOND): a token bucket holding a tenth of a second's worth
 * of sends (at least one), so the rate holds over any second while short bursts keep the SMTP pool busy.
 * 0 means no limit. Real time, not the injected Clock: it paces a mail server, not business rules.
 */
export class RateGate {
  private tokens: number;
  private last: number;
  private readonly capacity: number;

  constructor(
    private readonly perSecond: number,
    private readonly time: { now(): number; sleep(ms: number): Promise<void> } = { now: () => performance.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) },
  ) {
    this.capacity = Math.max(1, perSecond / 10);
    this.tokens = this.capacity;
    this.last = time.now();
  }

  /** Resolves when one more email may leave. */
  async take(): Promise<void> {
    if (this.perSecond <= 0) return;
    for (;;) {
      const now = this.time.now();
      this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) * this.perSecond) / 1000);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.time.sleep(Math.max(1, Math.ceil(((1 - this.tokens) * 1000) / this.perSecond)));
    }
  }
}
