import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, keyedHash, RateLimiter, type BaseConfig } from '@newsroom/platform';

export interface LimitDecision {
  allowed: boolean;
  retryAfterSeconds: number;
}

/**
 * A form posted without a solved proof of work (no JavaScript, or a bot) takes the slower path: on top of the
 * limits below, 3 such requests per hour per client address, and 60 per hour for the whole process. A person
 * without JavaScript is never refused outright on a quiet day; a bot without the work gets few confirmation
 * emails out of it.
 *
 * How often one may ask: 5 requests per 10 minutes per client address, and 3 per day per email address,
 * whatever that address's state (so a confirmed address is limited like any other, and the limit tells
 * nothing about it). An address thus gets at most 3 confirmation emails a day. Counted in memory, per
 * process (RateLimiter); addresses are counted by a keyed hash.
 */
@Injectable()
export class SubscribeLimits {
  private readonly perClient = new RateLimiter(5, 10 * 60_000);
  private readonly perAddress = new RateLimiter(3, 24 * 60 * 60_000);
  private readonly unverifiedPerClient = new RateLimiter(3, 60 * 60_000);
  private readonly unverifiedOverall = new RateLimiter(60, 60 * 60_000);

  constructor(@Inject(APP_CONFIG) private readonly config: Pick<BaseConfig, 'APP_SECRET'>) {}

  client(ip: string): LimitDecision {
    return this.perClient.hit(ip);
  }

  /** The slower path of a request without proof of work: per client, then overall. */
  unverified(ip: string): LimitDecision {
    const perClient = this.unverifiedPerClient.hit(ip);
    if (!perClient.allowed) return perClient;
    return this.unverifiedOverall.hit('all');
  }

  address(email: string): LimitDecision {
    return this.perAddress.hit(keyedHash(this.config.APP_SECRET, 'newsletter-rate-address', email));
  }
}
