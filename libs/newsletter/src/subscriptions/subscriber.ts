/**
 * The rules of a subscription, without Nest or a database: what a request, a confirmation and an
 * unsubscription do to a subscriber, and whether a confirmation email goes out.
 *
 *   (none) ──subscribe──▶ pending ──confirm──▶ confirmed ──unsubscribe──▶ unsubscribed
 *                           ▲  └──subscribe (new email)                          │
 *                           └────────────────subscribe───────────────────────────┘
 */
export const SUBSCRIBER_STATUSES = ['pending', 'confirmed', 'unsubscribed'] as const;
export type SubscriberStatus = (typeof SUBSCRIBER_STATUSES)[number];

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
  if (subscriber.status === 'confirmed') return false;
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
