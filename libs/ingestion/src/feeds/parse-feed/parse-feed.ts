import { Parser } from 'htmlparser2';
import { createHash } from 'node:crypto';

/** The largest feed document fetched and read, in bytes. */
export const MAX_FEED_BYTES = 5 * 1024 * 1024;
/** Entries read from one feed document (the first ones: feeds list the newest first). */
export const MAX_FEED_ENTRIES = 200;
const MAX_ELEMENTS = 200_000;
const MAX_DEPTH = 100;
const MAX_KEY_LENGTH = 500;

/** A feed that cannot be read, with a message in French (stored as the feed's last error). */
export class FeedError extends Error {
  override readonly name = 'FeedError';
}

export interface FeedEntry {
  /** guid / id, else the link, else a hash of title + date: what makes the entry seen once. */
  key: string;
  title: string;
  link: string | null;
  /** As written (RFC 822 for RSS, RFC 3339 for Atom), or null. */
  date: string | null;
  /** HTML (RSS description / content:encoded, Atom html content) — text content is escaped into paragraphs. */
  html: string;
}

export interface ParsedFeed {
  format: 'rss' | 'atom';
  title: string | null;
  entries: FeedEntry[];
}

interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: (XmlElement | string)[];
}

/** RSS 2.0 or Atom 1.0 text → its title and entries (the first MAX_FEED_ENTRIES). Throws FeedError. */
export function parseFeed(xml: string, maxEntries = MAX_FEED_ENTRIES): ParsedFeed {
  if (xml.length > MAX_FEED_BYTES) throw new FeedError(`Le flux dépasse ${MAX_FEED_BYTES / 1024 / 1024} Mo.`);
  const root = buildTree(xml);
  const top = root.children.filter((c): c is XmlElement => typeof c !== 'string');
  const document = top[0];
  if (top.length !== 1 || !document) throw new FeedError('Flux illisible : ce document n’est ni un flux RSS 2.0 ni un flux Atom.');

  if (document.name === 'rss') {
    const channel = child(document, 'channel');
    if (!channel) throw new FeedError('Flux RSS mal formé : pas d’élément <channel>.');
    return { format: 'rss', title: textOf(child(channel, 'title')) || null, entries: children(channel, 'item').slice(0, maxEntries).map(rssEntry) };
  }
  if (document.name === 'feed') {
    return { format: 'atom', title: textOf(child(document, 'title')) || null, entries: children(document, 'entry').slice(0, maxEntries).map(atomEntry) };
  }
  throw new FeedError(`Flux illisible : élément racine <${document.name}>, attendu <rss> ou <feed>.`);
}

function rssEntry(item: XmlElement): FeedEntry {
  const title = textOf(child(item, 'title'));
  const link = textOf(child(item, 'link')) || null;
  const date = textOf(child(item, 'pubdate')) || textOf(child(item, 'dc:date')) || null;
  const html = textOf(child(item, 'content:encoded')) || textOf(child(item, 'description'));
  const guid = textOf(child(item, 'guid'));
  return { key: entryKey(guid, link, title, date), title, link, date, html };
}

function atomEntry(entry: XmlElement): FeedEntry {
  const title = textOf(child(entry, 'title'));
  const links = children(entry, 'link');
  const alternate = links.find((l) => (l.attrs.rel ?? 'alternate') === 'alternate') ?? links[0];
  const link = alternate?.attrs.href?.trim() || null;
  const date = textOf(child(entry, 'published')) || textOf(child(entry, 'updated')) || null;
  const content = child(entry, 'content') ?? child(entry, 'summary');
  const html = content ? atomHtml(content) : '';
  return { key: entryKey(textOf(child(entry, 'id')), link, title, date), title, link, date, html };
}

/** Atom text constructs: `html` is escaped HTML, `xhtml` inline markup, `text` (the default) plain text. */
function atomHtml(content: XmlElement): string {
  const type = (content.attrs.type ?? 'text').toLowerCase();
  if (type === 'html' || type === 'text/html') return textOf(content);
  if (type === 'xhtml' || type === 'application/xhtml+xml') return content.children.map(serialise).join('');
  return textToHtml(textOf(content));
}

function entryKey(id: string, link: string | null, title: string, date: string | null): string {
  const key = id || link || `sha256:${createHash('sha256').update(`${title}\n${date ?? ''}`).digest('hex')}`;
  return key.length > MAX_KEY_LENGTH ? `sha256:${createHash('sha256').update(key).digest('hex')}` : key;
}

/** Plain text → paragraphs (blank lines separate them), escaped. */
export function textToHtml(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeXml(p)}</p>`)
    .join('\n');
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function serialise(node: XmlElement | string): string {
  if (typeof node === 'string') return escapeXml(node);
  const attrs = Object.entries(node.attrs)
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('');
  const name = node.name.replace(/^[^:]+:/, '');
  return `<${name}${attrs}>${node.children.map(serialise).join('')}</${name}>`;
}

function child(parent: XmlElement, name: string): XmlElement | undefined {
  return parent.children.find((c): c is XmlElement => typeof c !== 'string' && c.name === name);
}

function children(parent: XmlElement, name: string): XmlElement[] {
  return parent.children.filter((c): c is XmlElement => typeof c !== 'string' && c.name === name);
}

function textOf(element: XmlElement | undefined): string {
  if (!element) return '';
  return element.children
    .map((c) => (typeof c === 'string' ? c : textOf(c)))
    .join('')
    .trim();
}

/** One htmlparser2 pass in XML mode into a small tree; an unclosed tag or text outside the root is a malformed feed. */
function buildTree(xml: string): XmlElement {
  const root: XmlElement = { name: '#root', attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  let elements = 0;
  let problem: string | null = null;
  let ending = false;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (problem) return;
        if (++elements > MAX_ELEMENTS) problem = `plus de ${MAX_ELEMENTS} éléments`;
        else if (stack.length > MAX_DEPTH) problem = `plus de ${MAX_DEPTH} niveaux d’imbrication`;
        if (problem) return;
        const element: XmlElement = { name: name.toLowerCase(), attrs, children: [] };
        stack[stack.length - 1].children.push(element);
        stack.push(element);
      },
      ontext(text) {
        if (problem) return;
        const parent = stack[stack.length - 1];
        if (parent === root) {
          if (text.trim()) problem = 'du texte hors de l’élément racine';
          return;
        }
        parent.children.push(text);
      },
      onclosetag(name, isImplied) {
        if (problem) return;
        // Self-closing tags are "implied" too: only what the end of the document closes was left open.
        if (isImplied && ending) {
          problem = `la balise <${name}> n’est pas fermée`;
          return;
        }
        stack.pop();
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(xml);
  ending = true;
  parser.end();
  if (!problem && stack.length !== 1) problem = `la balise <${stack[stack.length - 1].name}> n’est pas fermée`;
  if (problem) throw new FeedError(`Flux mal formé : ${problem}.`);
  return root;
}
