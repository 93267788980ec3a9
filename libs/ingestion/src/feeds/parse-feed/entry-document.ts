import { escapeHtml } from '@newsroom/platform';
import type { FeedEntry } from './parse-feed';

/**
 * A feed entry → the HTML page the ingestion reads: the title in `<h1>` (and `<title>`), the date in
 * `<time datetime>`, the entry's HTML in `<article>`. Deterministic: the same entry gives the same bytes
 * (so the same checksum), which keeps a re-poll after a crash idempotent.
 */
export function entryDocument(entry: FeedEntry): Buffer {
  const datetime = entry.date ? isoDateTime(entry.date) : null;
  const title = escapeHtml(entry.title);
  const page = [
    '<!doctype html>',
    '<html><head><meta charset="utf-8">',
    entry.title ? `<title>${title}</title>` : '',
    '</head><body><article>',
    entry.title ? `<h1>${title}</h1>` : '',
    // Empty: the date is read from the attribute, and a text would become a paragraph.
    datetime ? `<time datetime="${escapeHtml(datetime)}"></time>` : '',
    entry.html,
    '</article></body></html>',
  ];
  return Buffer.from(page.filter(Boolean).join('\n'), 'utf8');
}

/** RFC 3339 is kept as written; an RFC 822 date (RSS) → RFC 3339 in its own offset, so the calendar day stays the one written. */
export function isoDateTime(date: string): string | null {
  const text = date.trim();
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) return text;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return null;
  const offset = /([+-])(\d{2}):?(\d{2})\s*$/.exec(text);
  const minutes = offset ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) : 0;
  const local = new Date(ms + minutes * 60_000).toISOString().slice(0, 19);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
