import { confirmSubscription, requestSubscription, unsubscribe, type SubscriberState, type SubscriberStatus } from './subscriber';

const earlier = new Date('2025-03-01T08:00:00Z');
const now = new Date('2025-03-11T09:30:00Z');

function subscriber(status: SubscriberStatus): SubscriberState {
  return {
    status,
    requestedAt: earlier,
    confirmedAt: status === 'pending' ? null : earlier,
    unsubscribedAt: status === 'unsubscribed' ? earlier : null,
    updatedAt: earlier,
    consentSource: 'api',
    consentIpHash: 'old',
  };
}

describe('a subscription request for a known address', () => {
  const request = { source: 'site form', ipHash: 'new', now };

  it('sends a new confirmation to a pending address, with the new consent', () => {
    const s = subscriber('pending');
    expect(requestSubscription(s, request)).toBe(true);
    expect(s).toMatchObject({ status: 'pending', requestedAt: now, consentSource: 'site form', consentIpHash: 'new' });
  });

  it('brings an unsubscribed address back to pending, with a confirmation to send', () => {
    const s = subscriber('unsubscribed');
    expect(requestSubscription(s, request)).toBe(true);
    expect(s).toMatchObject({ status: 'pending', confirmedAt: null, unsubscribedAt: null, requestedAt: now });
  });

  it('leaves a confirmed address alone: no change, no email', () => {
    const s = subscriber('confirmed');
    expect(requestSubscription(s, request)).toBe(false);
    expect(s).toEqual(subscriber('confirmed'));
  });
});

describe('confirming', () => {
  it('confirms a pending subscriber', () => {
    const s = subscriber('pending');
    expect(confirmSubscription(s, now)).toBe('confirmed');
    expect(s).toMatchObject({ status: 'confirmed', confirmedAt: now, updatedAt: now });
  });

  it('is harmless twice', () => {
    const s = subscriber('confirmed');
    expect(confirmSubscription(s, now)).toBe('already-confirmed');
    expect(s).toEqual(subscriber('confirmed'));
  });

  it('does not resubscribe an address that unsubscribed since the link was sent', () => {
    const s = subscriber('unsubscribed');
    expect(confirmSubscription(s, now)).toBe('not-pending');
    expect(s.status).toBe('unsubscribed');
  });
});

describe('unsubscribing', () => {
  it.each<SubscriberStatus>(['confirmed', 'pending'])('stops a %s subscriber', (status) => {
    const s = subscriber(status);
    expect(unsubscribe(s, now)).toBe(true);
    expect(s).toMatchObject({ status: 'unsubscribed', unsubscribedAt: now });
  });

  it('has nothing to do twice', () => {
    const s = subscriber('unsubscribed');
    expect(unsubscribe(s, now)).toBe(false);
    expect(s.unsubscribedAt).toBe(earlier);
  });
});
