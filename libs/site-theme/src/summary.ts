export const SUMMARY_MAX_LENGTH = 200;

/**
 * The teaser of an article: its first paragraph, whitespace collapsed, at most `max` characters. A longer
 * one is cut at the last word boundary that leaves room for "…" (trailing punctuation dropped); a first
 * word longer than that is cut where the limit falls.
 */
export function summarize(paragraph: string, max = SUMMARY_MAX_LENGTH): string {
  const text = paragraph.replace(/\s+/g, ' ').trim();
  if (text.length <= max) return text;
  const room = max - 1;
  const boundary = text[room] === ' ' ? room : text.lastIndexOf(' ', room);
  let head = boundary > 0 ? text.slice(0, boundary) : text.slice(0, room);
  // Never leave half of a surrogate pair (an emoji) at the end.
  if (/[\uD800-\uDBFF]$/.test(head)) head = head.slice(0, -1);
  head = head.replace(/[\s,;:.!?…–—-]+$/u, '');
  return `${head}…`;
}
