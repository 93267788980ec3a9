import { Injectable } from '@nestjs/common';
import { RateLimiter } from '@newsroom/platform';

export const SHARES_PER_IP_PER_HOUR = 10;
export const SHARES_PER_FRIEND_PER_DAY = 3;

/**
 * How many suggestions are sent: 10 an hour from one IP, 3 a day to one friend (by the keyed hash of
 * the address). In memory, per process.
 */
@Injectable()
export class ShareLimits {
  private readonly perIp = new RateLimiter(SHARES_PER_IP_PER_HOUR, 60 * 60 * 1000);
  private readonly perFriend = new RateLimiter(SHARES_PER_FRIEND_PER_DAY, 24 * 60 * 60 * 1000);

  /** Counts one request; null when allowed, else the seconds to wait. The friend is not counted for a refused IP. */
  hit(ipHash: string, friendHash: string, now = Date.now()): number | null {
    const byIp = this.perIp.hit(ipHash, now);
    if (!byIp.allowed) return byIp.retryAfterSeconds;
    const byFriend = this.perFriend.hit(friendHash, now);
    return byFriend.allowed ? null : byFriend.retryAfterSeconds;
  }
}
