import { escapeHtml } from '@newsroom/platform';

/**
 * Alert rows are written for every subscriber by one INSERT ... SELECT, so their bodies and headers are
 * the same for everyone but for the unsubscribe link, which is signed with APP_SECRET (SQL cannot sign).
 * They hold this placeholder instead, and the sender fills it in for the row's subscriber.
 */
export const UNSUBSCRIBE_URL_PLACEHOLDER = '{{unsubscribe_url}}';

/** Text that comes from outside (a title, a summary) can never contain the placeholder, so never gets a link put into it. */
export function withoutPlaceholder(text: string): string {
  let out = text;
  while (out.includes(UNSUBSCRIBE_URL_PLACEHOLDER)) out = out.split(UNSUBSCRIBE_URL_PLACEHOLDER).join('');
  return out;
}

export function hasPlaceholder(...texts: string[]): boolean {
  return texts.some((text) => text.includes(UNSUBSCRIBE_URL_PLACEHOLDER));
}

export interface Personalisable {
  textBody: string;
  htmlBody: string;
  headers: Record<string, string>;
}

/** The row's mail with its own unsubscribe link: raw in the text and the headers, escaped in the HTML. */
export function personalise<T extends Personalisable>(mail: T, unsubscribeUrl: string): T {
  const fill = (text: string, value: string) => text.split(UNSUBSCRIBE_URL_PLACEHOLDER).join(value);
  return {
    ...mail,
    textBody: fill(mail.textBody, unsubscribeUrl),
    htmlBody: fill(mail.htmlBody, escapeHtml(unsubscribeUrl)),
    headers: Object.fromEntries(Object.entries(mail.headers).map(([name, value]) => [name, fill(value, unsubscribeUrl)])),
  };
}

