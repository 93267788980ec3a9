import type { BaseConfig } from '@newsroom/platform';

/** What the newsletter's emails and pages need to know about the site. */
export interface NewsletterSite {
  name: string;
  /** The public origin, no trailing slash. */
  publicUrl: string;
  /** The host of PUBLIC_URL: the right-hand side of every Message-ID, and of the List-Id. */
  host: string;
  /** The From of every email. */
  mailFrom: string;
}

export function newsletterSiteOf(config: Pick<BaseConfig, 'SITE_NAME' | 'PUBLIC_URL' | 'MAIL_FROM'>): NewsletterSite {
  return { name: config.SITE_NAME, publicUrl: config.PUBLIC_URL, host: new URL(config.PUBLIC_URL).hostname, mailFrom: config.MAIL_FROM };
}

/** The newsletter's pages, under the public origin. */
export const PATHS = {
  subscribe: '/newsletter/subscribe',
  pending: '/newsletter/subscribe?attente=1',
  confirm: '/newsletter/confirm',
  unsubscribe: '/newsletter/unsubscribe',
  preferences: '/newsletter/preferences',
  noSuggestions: '/newsletter/no-suggestions',
} as const;
