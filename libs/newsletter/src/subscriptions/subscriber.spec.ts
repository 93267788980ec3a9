import { bounce, confirmSubscription, requestSubscription, resubscribe, unsubscribe, wantsArticle, type SubscriberState, type SubscriberStatus } from './subscriber';

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

describe('bounces, resubscription and preferences', () => {
  it('leaves a bounced address alone when it asks again: nothing is sent', () => {
    const s = { ...subscriber('bounced') };
    expect(requestSubscription(s, { source: 'site form', ipHash: null, now })).toBe(false);
    expect(s.status).toBe('bounced');
  });

  it('bounces any address once', () => {
    const s = { ...subscriber('confirmed'), bouncedAt: null as Date | null };
    expect(bounce(s, now)).toBe(true);
    expect(s).toMatchObject({ status: 'bounced', bouncedAt: now });
    expect(bounce(s, now)).toBe(false);
  });

  it('confirms an unsubscribed address again from its own link, and nothing else', () => {
    const s = subscriber('unsubscribed');
    expect(resubscribe(s, now)).toBe(true);
    expect(s).toMatchObject({ status: 'confirmed', confirmedAt: now, unsubscribedAt: null });
    for (const status of ['pending', 'confirmed', 'bounced'] as const) expect(resubscribe(subscriber(status), now)).toBe(false);
  });

  it('sends an article to a subscriber who asked for its section and language, or left them open', () => {
    const article = { sectionSlug: 'vie-locale', language: 'fr' };
    expect(wantsArticle({ sections: [], language: null }, article)).toBe(true);
    expect(wantsArticle({ sections: ['vie-locale', 'culture'], language: 'fr' }, article)).toBe(true);
    expect(wantsArticle({ sections: ['culture'], language: null }, article)).toBe(false);
    expect(wantsArticle({ sections: [], language: 'en' }, article)).toBe(false);
    // An article without a known section reaches every subscriber of its language.
    expect(wantsArticle({ sections: ['culture'], language: null }, { sectionSlug: null, language: 'fr' })).toBe(true);
  });
});
