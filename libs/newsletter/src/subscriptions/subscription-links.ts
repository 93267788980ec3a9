import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, signToken, verifyToken, type BaseConfig } from '@newsroom/platform';
import { PATHS } from '../newsletter-site';

/** Who a link is for: the subscriber's id and the address the email went to (a link stops working if they differ). */
export interface LinkSubject {
  id: string;
  email: string;
}

export const CONFIRM_PURPOSE = 'newsletter-confirm';
export const UNSUBSCRIBE_PURPOSE = 'newsletter-unsubscribe';
export const PREFERENCES_PURPOSE = 'newsletter-preferences';
export const NO_SUGGESTIONS_PURPOSE = 'newsletter-no-suggestions';
export const CONFIRM_TTL_SECONDS = 7 * 24 * 60 * 60;
/** An unsubscribe link must keep working in old emails; a new one is signed for every email sent. */
export const UNSUBSCRIBE_TTL_SECONDS = 2 * 366 * 24 * 60 * 60;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface LinkClaims {
  sid: string;
  email: string;
}

/**
 * The signed links of the newsletter's emails (APP_SECRET, purpose-bound, expiring): confirm a
 * subscription, unsubscribe. Nothing is stored: the link itself proves who it was made for.
 */
@Injectable()
export class SubscriptionLinks {
  constructor(@Inject(APP_CONFIG) private readonly config: Pick<BaseConfig, 'APP_SECRET' | 'PUBLIC_URL'>) {}

  confirmUrl(subject: LinkSubject, now = Date.now()): string {
    return this.url(PATHS.confirm, signToken(this.config.APP_SECRET, CONFIRM_PURPOSE, claimsOf(subject), CONFIRM_TTL_SECONDS, now));
  }

  unsubscribeUrl(subject: LinkSubject, now = Date.now()): string {
    return this.url(PATHS.unsubscribe, this.unsubscribeToken(subject, now));
  }

  unsubscribeToken(subject: LinkSubject, now = Date.now()): string {
    return signToken(this.config.APP_SECRET, UNSUBSCRIBE_PURPOSE, claimsOf(subject), UNSUBSCRIBE_TTL_SECONDS, now);
  }

  /** The preferences page (frequency, sections, language, resubscribe, export, erase): in every email, signed like the unsubscribe link. */
  preferencesUrl(subject: LinkSubject, now = Date.now()): string {
    return this.url(PATHS.preferences, this.preferencesToken(subject, now));
  }

  preferencesToken(subject: LinkSubject, now = Date.now()): string {
    return signToken(this.config.APP_SECRET, PREFERENCES_PURPOSE, claimsOf(subject), UNSUBSCRIBE_TTL_SECONDS, now);
  }

  readPreferencesToken(token: unknown, now = Date.now()): LinkSubject | null {
    return subjectOf(verifyToken<LinkClaims>(this.config.APP_SECRET, PREFERENCES_PURPOSE, token, now));
  }

  /**
   * The "no more suggestions" link of a friend's email: it names the address by its keyed hash only (the
   * suppression list's key), so the link, like the list, never holds the friend's address.
   */
  noSuggestionsUrl(addressHash: string, now = Date.now()): string {
    return this.url(PATHS.noSuggestions, signToken(this.config.APP_SECRET, NO_SUGGESTIONS_PURPOSE, { h: addressHash }, UNSUBSCRIBE_TTL_SECONDS, now));
  }

  readNoSuggestionsToken(token: unknown, now = Date.now()): string | null {
    const claims = verifyToken<{ h: string }>(this.config.APP_SECRET, NO_SUGGESTIONS_PURPOSE, token, now);
    return claims && typeof claims.h === 'string' && /^[0-9a-f]{64}$/.test(claims.h) ? claims.h : null;
  }

  /** The subscriber a confirmation token was made for, or null (malformed, forged, expired, another purpose). */
  readConfirmToken(token: unknown, now = Date.now()): LinkSubject | null {
    return subjectOf(verifyToken<LinkClaims>(this.config.APP_SECRET, CONFIRM_PURPOSE, token, now));
  }

  readUnsubscribeToken(token: unknown, now = Date.now()): LinkSubject | null {
    return subjectOf(verifyToken<LinkClaims>(this.config.APP_SECRET, UNSUBSCRIBE_PURPOSE, token, now));
  }

  private url(path: string, token: string): string {
    return `${this.config.PUBLIC_URL}${path}?token=${encodeURIComponent(token)}`;
  }
}

function claimsOf(subject: LinkSubject): LinkClaims {
  return { sid: subject.id, email: subject.email };
}

function subjectOf(claims: LinkClaims | null): LinkSubject | null {
  if (!claims || typeof claims.sid !== 'string' || !UUID.test(claims.sid) || typeof claims.email !== 'string') return null;
  return { id: claims.sid, email: claims.email };
}
