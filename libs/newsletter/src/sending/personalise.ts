import { escapeHtml } from '@newsroom/platform';

/**
 * Mail to subscribers is written once for many (an alert by one INSERT ... SELECT, a digest per batch), so
 * its bodies and headers are the same for everyone but for the subscriber's own links, which are signed
 * with APP_SECRET (SQL cannot sign). They hold these placeholders instead, and the sender fills them in
 * for the row's subscriber.
 */
export const UNSUBSCRIBE_URL_PLACEHOLDER = '{{unsubscribe_url}}';
export const PREFERENCES_URL_PLACEHOLDER = '{{preferences_url}}';
const PLACEHOLDERS = [UNSUBSCRIBE_URL_PLACEHOLDER, PREFERENCES_URL_PLACEHOLDER];

/** Text that comes from outside (a title, a summary) can never contain a placeholder, so never gets a link put into it. */
export function withoutPlaceholder(text: string): string {
  let out = text;
  while (PLACEHOLDERS.some((placeholder) => out.includes(placeholder))) {
    for (const placeholder of PLACEHOLDERS) out = out.split(placeholder).join('');
  }
  return out;
}

export function hasPlaceholder(...texts: string[]): boolean {
  return texts.some((text) => PLACEHOLDERS.some((placeholder) => text.includes(placeholder)));
}

export interface Personalisable {
  textBody: string;
  htmlBody: string;
  headers: Record<string, string>;
}

/** The row's mail with its own links: raw in the text and the headers, escaped in the HTML. */
export function personalise<T extends Personalisable>(mail: T, unsubscribeUrl: string, preferencesUrl = unsubscribeUrl): T {
  const fill = (text: string, escape: (value: string) => string) =>
    text.split(UNSUBSCRIBE_URL_PLACEHOLDER).join(escape(unsubscribeUrl)).split(PREFERENCES_URL_PLACEHOLDER).join(escape(preferencesUrl));
  const raw = (value: string) => value;
  return {
    ...mail,
    textBody: fill(mail.textBody, raw),
    htmlBody: fill(mail.htmlBody, escapeHtml),
    headers: Object.fromEntries(Object.entries(mail.headers).map(([name, value]) => [name, fill(value, raw)])),
  };
}
