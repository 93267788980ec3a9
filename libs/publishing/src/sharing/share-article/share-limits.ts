import { Inject, Injectable, Optional } from '@nestjs/common';
import type { BaseConfig } from '@newsroom/platform';
import type { EntityManager } from 'typeorm';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** One limit: at most `max` accepted suggestions in a sliding window of `windowMs`. */
export interface Limit {
  max: number;
  windowMs: number;
}

export interface ShareLimitOptions {
  /** From one client address. */
  perIp: Limit;
  /** From one sender: the sender's name, normalised, from one network (see senderKey). */
  perSender: Limit;
  /** To one friend (by the keyed hash of the address). */
  perFriend: Limit;
  /** For the whole site, a daily cap (env SHARE_DAILY_LIMIT). */
  overall: Limit;
  /** Without a solved proof of work (no JavaScript, or a bot): per client address, and for the whole site. */
  unverifiedPerIp: Limit;
  unverifiedOverall: Limit;
}

export const DEFAULT_SHARE_DAILY_LIMIT = 500;

export const DEFAULT_SHARE_LIMITS: ShareLimitOptions = {
  perIp: { max: 10, windowMs: HOUR },
  perSender: { max: 20, windowMs: DAY },
  perFriend: { max: 3, windowMs: DAY },
  overall: { max: DEFAULT_SHARE_DAILY_LIMIT, windowMs: DAY },
  unverifiedPerIp: { max: 3, windowMs: HOUR },
  unverifiedOverall: { max: 30, windowMs: HOUR },
};

export const SHARE_LIMITS = Symbol('newsroom:publishing-share-limits');

/** The limits with the daily cap from SHARE_DAILY_LIMIT (validated with the configuration), else the default. */
export function shareLimitsFromConfig(config: Pick<BaseConfig, 'SHARE_DAILY_LIMIT'>): ShareLimitOptions {
  return { ...DEFAULT_SHARE_LIMITS, overall: { max: config.SHARE_DAILY_LIMIT ?? DEFAULT_SHARE_DAILY_LIMIT, windowMs: DAY } };
}

/** What identifies a request for the limits: keyed hashes only, never an address in clear. */
export interface ShareKeys {
  ipHash: string;
  senderHash: string;
  friendHash: string;
  /** A solved, unspent proof of work came with the request. */
  proofOfWork: boolean;
}

type Column = 'ip_hash' | 'sender_hash' | 'friend_hash' | null;

/**
 * How many suggestions are accepted, counted from `publishing.share_request` itself (so the limits hold across
 * restarts and replicas): 10 an hour from one IP, 20 a day from one sender, 3 a day to one friend, 500 a day for
 * the whole site; a request without proof of work also takes 3 an hour per IP and 30 an hour site-wide. Only
 * accepted requests count: a refused one costs nothing and extends nothing. Call `check` inside the transaction
 * that records the request, after `serialise`, so two concurrent requests cannot both take the last place.
 */
@Injectable()
export class ShareLimits {
  readonly options: ShareLimitOptions;

  constructor(@Optional() @Inject(SHARE_LIMITS) options?: ShareLimitOptions) {
    this.options = options ?? DEFAULT_SHARE_LIMITS;
  }

  /** Takes the transaction-scoped lock every share request waits for (a share form's rate needs nothing finer). */
  async serialise(tx: EntityManager): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('publishing.share_request'))`);
  }

  /** Null when allowed, else the seconds to wait until the first refusing limit lets one more through. */
  async check(tx: EntityManager, keys: ShareKeys, now = Date.now()): Promise<number | null> {
    const o = this.options;
    const checks: [Limit, Column, string | null, boolean][] = [
      [o.perIp, 'ip_hash', keys.ipHash, false],
      [o.perSender, 'sender_hash', keys.senderHash, false],
      [o.perFriend, 'friend_hash', keys.friendHash, false],
      [o.overall, null, null, false],
    ];
    if (!keys.proofOfWork) checks.push([o.unverifiedPerIp, 'ip_hash', keys.ipHash, true], [o.unverifiedOverall, null, null, true]);
    for (const [limit, column, value, unverifiedOnly] of checks) {
      const wait = await this.waitFor(tx, limit, column, value, unverifiedOnly, now);
      if (wait !== null) return wait;
    }
    return null;
  }

  /** The `max`-th most recent accepted request in the window: while there is one, the limit is reached. */
  private async waitFor(tx: EntityManager, limit: Limit, column: Column, value: string | null, unverifiedOnly: boolean, now: number): Promise<number | null> {
    const params: unknown[] = [new Date(now - limit.windowMs), limit.max - 1];
    const where = ['requested_at > $1'];
    if (column) where.push(`${column} = $${params.push(value)}`);
    if (unverifiedOnly) where.push('NOT proof_of_work');
    const rows: { requested_at: Date }[] = await tx.query(
      `SELECT requested_at FROM publishing.share_request WHERE ${where.join(' AND ')} ORDER BY requested_at DESC OFFSET $2 LIMIT 1`,
      params,
    );
    if (!rows.length) return null;
    return Math.max(1, Math.ceil((new Date(rows[0].requested_at).getTime() + limit.windowMs - now) / 1000));
  }
}

/**
 * What the limit "per sender" counts: the form only asks for a name (free text), so a sender is that name,
 * normalised (Unicode NFKC, lower case, runs of spaces as one), from one network (the client's IPv4 /24 or IPv6
 * /48). A name alone would let anyone lock every "Marie" out; the network catches one sender hopping addresses.
 */
export function senderKey(name: string, ip: string): string {
  const normalised = name.normalize('NFKC').toLocaleLowerCase('fr').replace(/\s+/gu, ' ').trim();
  return `${normalised}\n${networkOf(ip)}`;
}

function networkOf(ip: string): string {
  const v4 = /^(?:::ffff:)?(\d{1,3}\.\d{1,3}\.\d{1,3})\.\d{1,3}$/i.exec(ip);
  if (v4) return `${v4[1]}.0/24`;
  if (!ip.includes(':')) return ip;
  const [head, tail = ''] = ip.toLowerCase().split('::');
  const groups = head ? head.split(':') : [];
  const missing = 8 - groups.length - (tail ? tail.split(':').length : 0);
  const full = ip.includes('::') ? [...groups, ...Array(Math.max(0, missing)).fill('0'), ...(tail ? tail.split(':') : [])] : groups;
  return `${full.slice(0, 3).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/48`;
}
