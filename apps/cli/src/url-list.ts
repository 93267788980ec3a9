import path from 'node:path';

/** File extensions that may hold a list of addresses (a `.txt` only when every line is one). */
const LIST_EXTENSIONS = new Set(['.urls', '.txt']);

/** Whether a file argument may be a URL list, by its extension: `.urls` or `.txt`. */
export function mayBeUrlList(fileName: string): boolean {
  return LIST_EXTENSIONS.has(path.extname(fileName).toLowerCase());
}

/** Whether a string is an absolute http(s) address, with no spaces. */
export function isHttpUrl(text: string): boolean {
  if (/\s/u.test(text)) return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * The addresses of a URL list, or null when the text is not one. A list is a text whose lines, once blank
 * lines and `#` comments are left out, are ALL http(s) addresses, and there is at least one: a communiqué
 * that quotes an address on one line is never mistaken for a list.
 */
export function parseUrlList(text: string): string[] | null {
  const lines = text
    .replace(/^\uFEFF/u, '')
    .split(/\r?\n|\r/u)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  if (lines.length === 0 || !lines.every(isHttpUrl)) return null;
  return lines;
}

/** Reads the bytes of a `.urls`/`.txt` file as a list, or null (not UTF-8 text, or not a list). */
export function urlListOf(fileName: string, bytes: Uint8Array): string[] | null {
  if (!mayBeUrlList(fileName) || bytes.length > 1024 * 1024) return null;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  return parseUrlList(text);
}
