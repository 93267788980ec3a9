/**
 * The rules of a subscription, without Nest or a database: what a request, a confirmation and an
 * unsubscription do to a subscriber, and whether a confirmation email goes out.
 *
 *   (none) ──subscribe──▶ pending ──confirm──▶ confirmed ──unsubscribe──▶ unsubscribed
 *                           ▲  └──subscribe (new email)   ▲  │  ◀──resubscribe (own link)──┘ │
 *                           └────────────────subscribe────┼──┼───────────────────────────────┘
 *                                                         │  └──5xx on RCPT──▶ bounced (suppressed, final)
 */
export const SUBSCRIBER_STATUSES = ['pending', 'confirmed', 'unsubscribed', 'bounced'] as const;
export type SubscriberStatus = (typeof SUBSCRIBER_STATUSES)[number];

/** How often a confirmed subscriber hears from us: an alert per article, or one digest a day or a week. */
export const FREQUENCIES = ['immediate', 'daily', 'weekly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export interface SubscriberState {
  status: SubscriberStatus;
  requestedAt: Date;
  confirmedAt: Date | null;
  unsubscribedAt: Date | null;
  updatedAt: Date;
  consentSource: string;
  consentIpHash: string | null;
}

export interface SubscriptionRequest {
  source: string;
  ipHash: string | null;
  now: Date;
}

/**
 * A subscription request for an address already known. Returns true when a confirmation email must go
 * out: pending (the first email may be lost) or unsubscribed (back to pending). A confirmed address is
 * left alone and gets no email; the requester sees the same answer either way (no address enumeration).
 */
export function requestSubscription(subscriber: SubscriberState, request: SubscriptionRequest): boolean {
  // A bounced address is suppressed: asking again sends nothing to a mailbox that does not exist.
  if (subscriber.status === 'confirmed' || subscriber.status === 'bounced') return false;
  subscriber.status = 'pending';
  subscriber.requestedAt = request.now;
  subscriber.consentSource = request.source;
  subscriber.consentIpHash = request.ipHash;
  subscriber.confirmedAt = null;
  subscriber.unsubscribedAt = null;
  subscriber.updatedAt = request.now;
  return true;
}

export type ConfirmationOutcome = 'confirmed' | 'already-confirmed' | 'not-pending';

/** A valid confirmation link was used. Only a pending subscriber becomes confirmed; an unsubscribed one must ask again. */
export function confirmSubscription(subscriber: SubscriberState, now: Date): ConfirmationOutcome {
  if (subscriber.status === 'confirmed') return 'already-confirmed';
  if (subscriber.status !== 'pending') return 'not-pending';
  subscriber.status = 'confirmed';
  subscriber.confirmedAt = now;
  subscriber.updatedAt = now;
  return 'confirmed';
}

/** An unsubscribe link was used: whatever the state, no more email. Returns false when there was nothing to change. */
export function unsubscribe(subscriber: SubscriberState, now: Date): boolean {
  if (subscriber.status === 'unsubscribed') return false;
  subscriber.status = 'unsubscribed';
  subscriber.unsubscribedAt = now;
  subscriber.updatedAt = now;
  return true;
}

/**
 * The subscriber's own preferences link, used by an unsubscribed address: confirmed again at once (the
 * link reached their inbox, which is what a confirmation proves). Returns false when nothing changes;
 * a bounced address cannot come back this way.
 */
export function resubscribe(subscriber: SubscriberState, now: Date): boolean {
  if (subscriber.status !== 'unsubscribed') return false;
  subscriber.status = 'confirmed';
  subscriber.confirmedAt = now;
  subscriber.unsubscribedAt = null;
  subscriber.updatedAt = now;
  return true;
}

/** A mail server refused the address for good: no more email of any kind. False when it was already bounced. */
export function bounce(subscriber: SubscriberState & { bouncedAt: Date | null }, now: Date): boolean {
  if (subscriber.status === 'bounced') return false;
  subscriber.status = 'bounced';
  subscriber.bouncedAt = now;
  subscriber.updatedAt = now;
  return true;
}

export interface Preferences {
  frequency: Frequency;
  /** Section slugs; empty: every section. */
  sections: string[];
  /** An article language; null: every language. */
  language: string | null;
}

/** Whether an article goes to a subscriber with these preferences (the same rule as the alert fan-out's SQL). */
export function wantsArticle(preferences: Pick<Preferences, 'sections' | 'language'>, article: { sectionSlug: string | null; language: string }): boolean {
  if (preferences.language && preferences.language !== article.language) return false;
  if (preferences.sections.length === 0 || article.sectionSlug === null) return true;
  return preferences.sections.includes(article.sectionSlug);
}
