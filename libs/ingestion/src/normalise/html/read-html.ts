import { Parser } from 'htmlparser2';
import { isoDate, parseDateLine } from '../dates';
import { CommuniqueRejected } from '../errors';
import type { ExtractedCommunique } from '../extracted-communique';
import { isFooterLine } from '../page-chrome';

/**
 * Our own article extractor for HTML communiqués, on htmlparser2 (never executed, text only).
 * Steps: limits (element count, depth) → metadata (title, date, section, JSON-LD) → pruning of what is never
 * content (scripts, forms, hidden elements, page chrome by tag, role, class or id, except an element holding
 * most of the paragraph text; blocks with unlikely class or id names) → statistics per element in one
 * post-order pass → the main container (Readability-like scores: paragraphs, divs of inline text and runs of
 * loose text, between blocks or double line breaks, give to their ancestors; `[itemprop=articleBody]`,
 * `<article>` or `<main>` holding most of the text wins over a best score outside it) and its qualifying
 * siblings → paragraph-level blocks of plain text,
 * the containers that read as boilerplate (class names, link density, images, inputs, only headings) left out
 * as Readability cleans conditionally (innermost first), data tables kept whole. Text under 500 characters: tried again without
 * the unlikely names, then without class weights, then without the conditional cleaning; the longest wins.
 */

/** More elements than this, or deeper nesting, is refused: no press release needs it and it costs time. */
export const MAX_HTML_ELEMENTS = 200_000;
export const MAX_HTML_DEPTH = 500;

const NEVER_CONTENT = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'svg', 'form', 'button', 'input', 'select', 'textarea',
  'nav', 'footer', 'aside', 'object', 'embed', 'canvas', 'video', 'audio', 'dialog', 'link', 'meta', 'head',
]);

const CHROME_ROLES = /^(?:navigation|banner|contentinfo|complementary|menu|menubar|dialog|alertdialog|search|toolbar)$/i;
const CHROME_NAMES =
  /(?:^|[\s_-])(?:nav|navbar|navigation|menu|breadcrumbs?|fil-d-ariane|ariane|share|sharing|partage|social|socials|print|imprimer|cookies?|consent|gdpr|rgpd|banner|comments?|commentaires?|disqus|related\w*|similar|recommended|more-stories|read-more|footer|foot|sidebar|side-bar|newsletter|subscribe|advert\w*|ads?|ad-\w+|pub|publicite|sponsor\w*|promo\w*|widgets?|tags|tag-list|author-bio|bio|masthead|popup|modal|skip|skip-link|outbrain|taboola|shoutbox|toolbar|pagination|pager)(?:$|[\s_-])/i;

const POSITIVE = /article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story|communique|press/i;
const NEGATIVE = /-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|foot|footer|footnote|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget|byline|author|dateline|writtenby/i;

/** Elements that end a run of inline text (their own text becomes another block). */
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'dd', 'details', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure',
  'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table',
  'tbody', 'thead', 'tfoot', 'td', 'th', 'tr', 'ul', 'caption', 'summary', 'center', 'html',
]);
/** Elements scored as paragraphs (with the divs of inline content and the runs of text between blocks). */
const SCORED = new Set(['p', 'pre', 'td', 'section', 'h2', 'h3', 'h4', 'h5', 'h6']);

const SHARE_LABELS = new Set([
  'suggest to a friend', 'print', 'share', 'tweet', 'email', 'e-mail', 'imprimer', 'partager', 'envoyer', 'envoyer à un ami',
  'version imprimable', 'facebook', 'twitter', 'linkedin', 'whatsapp', 'x', 'mail', 'courriel', 'haut de page',
  'retour en haut', 'retour', 'lire la suite', 'read more', 'advertisement', 'publicité', 'sponsored',
]);

interface Stats {
  /** Collapsed text length (removed subtrees excluded). */
  text: number;
  /** Of which inside links. */
  link: number;
  commas: number;
  /** Text length of the paragraph-level descendants. */
  paragraphText: number;
  /** Has a block-level child (a div without one is read as a paragraph). */
  hasBlock: boolean;
  /** Descendants that structure text (p, div, lists, tables, quotations, pre, headings; not captions). */
  structure: number;
  /** Descendant counts: paragraphs (a div of inline content counts as one), images, list items, inputs, tables. */
  p: number;
  img: number;
  li: number;
  input: number;
  tables: number;
  /** Text length inside headings, inside lists, and inside text-holding elements (span, li, td, p, div…). */
  heading: number;
  listText: number;
  textish: number;
}

interface Metadata {
  meta: Map<string, string>;
  title: string;
  h1: string[];
  jsonLd: { datePublished?: string; section?: string };
  /** Title-bearing meta tags by normalised key (`og:title`, `dc:title`, `title`…), the last one of a key winning. */
  titleMeta: Map<string, string>;
  /** Texts of the h1 and h2 headings (a `<title>` equal to one of them is kept whole). */
  headings: string[];
  /** name and headline of the first JSON-LD article object (schema.org), when there is one. */
  ldArticle: { name?: string; headline?: string; author?: string } | null;
  times: string[];
  breadcrumb: string[] | null;
}

/** Below this many characters of text, the extraction is tried again with fewer pruning rules (as Readability does). */
const MIN_ARTICLE_CHARS = 500;

/**
 * The rules that may hide a short article, lifted one after the other when the text found is too short: the
 * blocks with unlikely names, the class and id weights, the conditional cleaning of containers.
 */
interface Rules {
  pruneUnlikely: boolean;
  weighClasses: boolean;
  cleanConditionally: boolean;
}
const ATTEMPTS: Rules[] = [
  { pruneUnlikely: true, weighClasses: true, cleanConditionally: true },
  { pruneUnlikely: false, weighClasses: true, cleanConditionally: true },
  { pruneUnlikely: false, weighClasses: false, cleanConditionally: true },
  { pruneUnlikely: false, weighClasses: false, cleanConditionally: false },
];

/** HTML → what the page holds as a communiqué. Throws CommuniqueRejected('too-long') beyond the limits. */
export function readHtml(html: string): ExtractedCommunique {
  let best: ExtractedCommunique | null = null;
  let bestLength = -1;
  for (const rules of ATTEMPTS) {
    const page = extract(html, rules);
    const length = textOf(page.blocks);
    if (length >= MIN_ARTICLE_CHARS) return page;
    if (length > bestLength) {
      best = page;
      bestLength = length;
    }
  }
  return best as ExtractedCommunique;
}

function textOf(blocks: string[]): number {
  let n = 0;
  for (const block of blocks) n += block.length;
  return n;
}

function extract(html: string, rules: Rules): ExtractedCommunique {
  const metadataNodes: Element[] = [];
  const doc = buildTree(html, metadataNodes);
  const metadata = collectMetadata(doc);
  for (const node of metadataNodes) detach(node);
  const stats = new Map<ParentNode, Stats>();
  measure(doc, stats, false, null);
  const total = stats.get(doc)?.paragraphText ?? 0;
  // Only the ancestors of what was pruned are measured again.
  const changed = new Set<ParentNode>();
  pruneChrome(doc, stats, total, changed, rules.pruneUnlikely, false);
  if (!hasMetadataByline(metadata)) removeByline(doc, changed);
  if (changed.size > 0) measure(doc, stats, false, changed);

  const body = findFirst(doc, (el) => el.name === 'body') ?? doc;
  const content = pickContent(body, stats, rules.weighClasses);
  const title = chooseTitle(metadata);
  const sameAsTitle = (block: string) => title !== null && block.toLowerCase() === title.toLowerCase();
  // An h1 that repeats the title (most of its words) is the headline, not body text; another h1 is a heading of the body.
  const isHeadline = (heading: string) => title === null || similarity(title, heading) > 0.75;
  const blocks = content.flatMap((node) => blocksOf(node, stats, isHeadline, rules)).filter((block) => keepBlock(block) && !sameAsTitle(block));
  return { title, publishedOn: chooseDate(metadata), section: chooseSection(metadata, title), blocks };
}

// ───────────────────────────── the tree ─────────────────────────────

/** A minimal tree (htmlparser2 parses, we keep only what the extractor reads: no comments, no code, nothing hidden). */
interface Element {
  type: 'tag';
  name: string;
  attribs: Record<string, string>;
  children: ChildNode[];
  parent: ParentNode | null;
}
interface Text {
  type: 'text';
  data: string;
  parent: ParentNode | null;
}
interface Document {
  type: 'root';
  children: ChildNode[];
  parent: null;
}
type ChildNode = Element | Text;
type ParentNode = Element | Document;

/** Elements whose subtree is not built at all (code, embedded documents, invisible by nature), the JSON-LD scripts excepted. */
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'svg', 'object', 'embed', 'canvas', 'textarea', 'select', 'video', 'audio', 'annotation', 'annotation-xml']);

/**
 * One htmlparser2 pass: element count and depth limits (checked as the parser goes, so hostile input stops
 * early), skipped subtrees, hidden elements and comments never built.
 */
function buildTree(html: string, metadataNodes: Element[]): Document {
  const doc: Document = { type: 'root', children: [], parent: null };
  let current: ParentNode = doc;
  let depth = 0;
  let elements = 0;
  /** Depth at which a skipped subtree started (0: not skipping). */
  let skipFrom = 0;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        elements++;
        depth++;
        if (elements > MAX_HTML_ELEMENTS) {
          throw new CommuniqueRejected('too-long', `Page HTML trop complexe : plus de ${MAX_HTML_ELEMENTS.toLocaleString('fr-FR')} éléments.`);
        }
        if (depth > MAX_HTML_DEPTH) {
          throw new CommuniqueRejected('too-long', `Page HTML trop complexe : éléments imbriqués sur plus de ${MAX_HTML_DEPTH} niveaux.`);
        }
        if (skipFrom > 0) return;
        const jsonLd = name === 'script' && (attribs.type ?? '').toLowerCase().includes('ld+json');
        if ((SKIPPED.has(name) && !jsonLd) || isHidden(name, attribs)) {
          skipFrom = depth;
          return;
        }
        const el: Element = { type: 'tag', name, attribs, children: [], parent: current };
        current.children.push(el);
        if (METADATA_NODES.has(name)) metadataNodes.push(el);
        current = el;
      },
      ontext(data) {
        if (skipFrom > 0) return;
        const children = current.children;
        const last = children[children.length - 1];
        if (last && last.type === 'text') last.data += data;
        else children.push({ type: 'text', data, parent: current });
      },
      onclosetag() {
        if (skipFrom > 0) {
          if (depth === skipFrom) skipFrom = 0;
          depth--;
          return;
        }
        depth--;
        if (current.type === 'tag' && current.parent) current = current.parent;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  return doc;
}

/** head, title, meta, link, base and the JSON-LD scripts serve the metadata: they are not content (detached once it is read). */
const METADATA_NODES = new Set(['head', 'title', 'meta', 'link', 'script', 'base']);

// ───────────────────────────── text helpers ─────────────────────────────

function isElement(node: ChildNode): node is Element {
  return node.type === 'tag';
}

function collapse(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}

/** The text of a subtree, raw (pruned nodes are already detached). */
function rawText(node: ChildNode | ParentNode): string {
  if (node.type === 'text') return node.data;
  let out = '';
  for (const child of node.children) {
    if (child.type === 'text') out += child.data;
    else if (isElement(child)) out += (child.name === 'br' ? ' ' : '') + rawText(child) + (BLOCK.has(child.name) ? ' ' : '');
  }
  return out;
}

function findFirst(root: ParentNode, test: (el: Element) => boolean): Element | null {
  for (const child of root.children) {
    if (!isElement(child)) continue;
    if (test(child)) return child;
    const found = findFirst(child, test);
    if (found) return found;
  }
  return null;
}

function detach(node: ChildNode): void {
  const parent = node.parent;
  if (!parent) return;
  const index = parent.children.indexOf(node);
  if (index >= 0) parent.children.splice(index, 1);
  node.parent = null;
}

// ───────────────────────────── metadata ─────────────────────────────

const BREADCRUMB = /breadcrumb|ariane/i;

function collectMetadata(doc: Document): Metadata {
  const metadata: Metadata = { meta: new Map(), title: '', h1: [], jsonLd: {}, titleMeta: new Map(), headings: [], ldArticle: null, times: [], breadcrumb: null };
  const visit = (node: ParentNode, inBreadcrumb: boolean): void => {
    for (const child of node.children) {
      if (!isElement(child)) continue;
      const a = child.attribs;
      switch (child.name) {
        case 'meta': {
          const key = (a.property ?? a.name ?? a.itemprop ?? '').toLowerCase().trim();
          if (key && a.content !== undefined) {
            for (const k of key.split(/\s+/)) if (!metadata.meta.has(k)) metadata.meta.set(k, collapse(a.content));
          }
          readTitleMeta(a, metadata.titleMeta);
          continue;
        }
        case 'title':
          if (!metadata.title) metadata.title = collapse(rawText(child));
          continue;
        case 'script':
          if ((a.type ?? '').toLowerCase().includes('ld+json')) {
            const text = rawText(child);
            readJsonLd(text, metadata);
            if (!metadata.ldArticle && (a.type ?? '').trim().toLowerCase() === 'application/ld+json') metadata.ldArticle = jsonLdArticle(text);
          }
          continue;
        case 'style':
          continue;
        case 'h1':
          metadata.h1.push(collapse(rawText(child)));
          metadata.headings.push(metadata.h1[metadata.h1.length - 1]);
          break;
        case 'h2':
          metadata.headings.push(collapse(rawText(child)));
          break;
        case 'time': {
          const value = a.datetime ?? a['data-datetime'] ?? '';
          metadata.times.push(value || collapse(rawText(child)));
          break;
        }
      }
      const isBreadcrumb =
        !metadata.breadcrumb &&
        !inBreadcrumb &&
        (BREADCRUMB.test(a.class ?? '') || BREADCRUMB.test(a.id ?? '') || BREADCRUMB.test(a['aria-label'] ?? '') || /BreadcrumbList/i.test(a.itemtype ?? ''));
      if (isBreadcrumb) metadata.breadcrumb = breadcrumbItems(child);
      visit(child, inBreadcrumb || isBreadcrumb);
    }
  };
  visit(doc, false);
  return metadata;
}

function breadcrumbItems(root: Element): string[] {
  const items: string[] = [];
  const visit = (node: ParentNode): void => {
    for (const child of node.children) {
      if (!isElement(child)) continue;
      if (child.name === 'li' || child.name === 'a' || (child.attribs.itemprop ?? '') === 'name') {
        const text = collapse(rawText(child));
        if (text) items.push(text);
        if (child.name !== 'li') continue;
        const nested = breadcrumbItems(child);
        if (nested.length > 1) {
          items.pop();
          items.push(...nested);
        }
        continue;
      }
      visit(child);
    }
  };
  visit(root);
  if (items.length === 0) {
    const parts = collapse(rawText(root)).split(/\s*[>›»/|]\s*/).filter(Boolean);
    items.push(...parts);
  }
  return [...new Set(items)].filter((item) => item.length <= 100 && !/^[>›»/|]$/.test(item));
}

/** Meta property (space-separated list, the first title-like one counts) or name (a single key) that may carry the title. */
const TITLE_PROPERTY = /\s*(?:article|dc|dcterm|og|twitter)\s*:\s*(?:author|creator|description|published_time|title|site_name)\s*/i;
const TITLE_NAME = /^\s*(?:(?:dc|dcterm|og|twitter|parsely|weibo:(?:article|webpage))\s*[-.:]\s*)?(?:author|creator|pub-date|description|title|site_name)\s*$/i;

function readTitleMeta(a: Record<string, string>, into: Map<string, string>): void {
  const content = a.content;
  if (!content) return;
  const property = a.property ? TITLE_PROPERTY.exec(a.property) : null;
  if (property) into.set(property[0].toLowerCase().replace(/\s/g, ''), collapse(content));
  else if (a.name && TITLE_NAME.test(a.name)) into.set(a.name.toLowerCase().replace(/\s/g, '').replace(/\./g, ':'), collapse(content));
}

/** schema.org article types whose name or headline is the article's title (WebPage, WebSite, Organization… are not). */
const LD_ARTICLE = /^Article|NewsArticle|AdvertiserContentArticle|Report|SatiricalArticle|ScholarlyArticle|SocialMediaPosting|BlogPosting|DiscussionForumPosting|TechArticle|APIReference$/;
const isLdArticle = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && typeof (value as Record<string, unknown>)['@type'] === 'string' && LD_ARTICLE.test((value as Record<string, string>)['@type']);

/** The article object of one JSON-LD script: a schema.org context, the object itself, an array item or a `@graph` item. */
function jsonLdArticle(text: string): { name?: string; headline?: string; author?: string } | null {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, ''));
  } catch {
    return null;
  }
  if (Array.isArray(data)) data = data.find(isLdArticle);
  if (data === null || typeof data !== 'object') return null;
  let record = data as Record<string, unknown>;
  const context = record['@context'];
  const schemaOrg = /^https?:\/\/schema\.org\/?$/;
  const vocab = context !== null && typeof context === 'object' ? (context as Record<string, unknown>)['@vocab'] : undefined;
  if (!((typeof context === 'string' && schemaOrg.test(context)) || (typeof vocab === 'string' && schemaOrg.test(vocab)))) return null;
  if (record['@type'] === undefined && Array.isArray(record['@graph'])) {
    const found = (record['@graph'] as unknown[]).find(isLdArticle);
    if (!found) return null;
    record = found;
  }
  if (!isLdArticle(record)) return null;
  return {
    name: typeof record.name === 'string' ? collapse(record.name) : undefined,
    headline: typeof record.headline === 'string' ? collapse(record.headline) : undefined,
    author: ldAuthor(record.author),
  };
}

/** The name of a JSON-LD author (or the names of a list of authors). */
function ldAuthor(author: unknown): string | undefined {
  const nameOf = (value: unknown) =>
    value !== null && typeof value === 'object' && typeof (value as Record<string, unknown>).name === 'string' ? collapse((value as Record<string, string>).name) : undefined;
  if (Array.isArray(author)) {
    const names = author.map(nameOf).filter((name): name is string => name !== undefined);
    return names.length > 0 && nameOf(author[0]) !== undefined ? names.join(', ') : undefined;
  }
  return nameOf(author);
}

function readJsonLd(text: string, metadata: Metadata): void {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\s*<!--|-->\s*$/g, ''));
  } catch {
    return;
  }
  const visit = (value: unknown, depth: number): void => {
    if (depth > 8 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    const record = value as Record<string, unknown>;
    const type = String(record['@type'] ?? '');
    if (/Article|NewsArticle|BlogPosting|Report|WebPage|PressRelease/i.test(type)) {
      const ld = metadata.jsonLd;
      if (!ld.datePublished && typeof record.datePublished === 'string') ld.datePublished = record.datePublished;
      if (!ld.section && typeof record.articleSection === 'string') ld.section = collapse(record.articleSection);
    }
    for (const key of ['@graph', 'mainEntity', 'mainEntityOfPage']) if (key in record) visit(record[key], depth + 1);
  };
  visit(data, 0);
}

// ───────────────────────────── pruning ─────────────────────────────

/** Hidden from sight: `hidden`, a hiding style, or `aria-hidden` (which hides an image from screen readers only: it is still seen). */
function isHidden(name: string, a: Record<string, string>): boolean {
  if ('hidden' in a) return true;
  if (name !== 'img' && (a['aria-hidden'] ?? '').toLowerCase() === 'true') return true;
  const style = a.style;
  return style !== undefined && /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

/** Parts of class or id names that mark an unlikely place for the article, unless a content name is there as well (inside a table or code, they stay). */
const UNLIKELY = /-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote/i;
const MAYBE_CONTENT = /and|article|body|column|content|main|shadow/i;

/** A block whose class or id names an unlikely place for the article (whatever text it holds). */
function isUnlikely(el: Element, inTableOrCode: boolean): boolean {
  if (inTableOrCode || !BLOCK.has(el.name) || el.name === 'body' || el.name === 'html' || el.name === 'main' || el.name === 'article') return false;
  const all = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`;
  return UNLIKELY.test(all) && !MAYBE_CONTENT.test(all);
}

/** Whether an inline element sits in a paragraph (its nearest block ancestor is a `p`). */
function inParagraph(el: Element): boolean {
  let node = el.parent;
  while (node && node.type === 'tag' && !BLOCK.has(node.name)) node = node.parent;
  return node !== null && node.type === 'tag' && node.name === 'p';
}

function isChrome(el: Element, s: Stats | undefined): boolean {
  if (NEVER_CONTENT.has(el.name)) return true;
  const a = el.attribs;
  if (a.role && CHROME_ROLES.test(a.role)) return true;
  if (el.name === 'body' || el.name === 'html' || el.name === 'main' || el.name === 'article') return false;

  // A link or span inside the running text of a paragraph is part of the sentence, whatever its class (`popup` notes).
  if (!BLOCK.has(el.name) && inParagraph(el)) return false;
  // An id of four words or more is a slug of a heading (`sharing-with-a-single-developer`), not a component name.
  const id = a.id && a.id.split(/[-_]+/).length <= 3 ? a.id : '';
  const names = `${a.class ?? ''} ${id}`;
  // A block with a content name as well (`widget-wrapper context-image`) is weighed later, as Readability weighs
  // both, unless it is mostly links (`article-footer` of share links).
  return names.length > 1 && CHROME_NAMES.test(names) && !(BLOCK.has(el.name) && POSITIVE.test(names) && linkDensity(s) <= 0.5);
}

/**
 * Detaches the chrome (unless it holds most of the paragraph text) and, with `pruneUnlikely`, the blocks with
 * unlikely names; `changed` receives every ancestor of a detached element.
 */
function pruneChrome(root: ParentNode, stats: Map<ParentNode, Stats>, total: number, changed: Set<ParentNode>, pruneUnlikely: boolean, inTableOrCode: boolean): void {
  const children = root.children;
  for (let i = children.length - 1; i >= 0; i--) {
    const child = children[i];
    if (!isElement(child)) continue;
    const holdsMost = (stats.get(child)?.paragraphText ?? 0) > total * 0.5;
    if ((!holdsMost && isChrome(child, stats.get(child))) || (pruneUnlikely && isUnlikely(child, inTableOrCode))) {
      for (let node: ParentNode | null = root; node && !changed.has(node); node = node.parent) changed.add(node);
      children.splice(i, 1);
      child.parent = null;
    } else pruneChrome(child, stats, total, changed, pruneUnlikely, inTableOrCode || child.name === 'table' || child.name === 'code');
  }
}

const BYLINE = /byline|author|dateline|writtenby|p-author/i;

/** Whether the metadata names the author (JSON-LD, Dublin Core, author, Parse.ly or article:author meta tags that are not links). */
function hasMetadataByline(metadata: Metadata): boolean {
  const m = metadata.titleMeta;
  const articleAuthor = m.get('article:author');
  return Boolean(
    metadata.ldArticle?.author || m.get('dc:creator') || m.get('dcterm:creator') || m.get('author') || m.get('parsely-author') || (articleAuthor && !/^https?:\/\//i.test(articleAuthor)),
  );
}

/**
 * The byline, when the metadata names no author: the first element whose rel, itemprop, class or id marks an
 * author, with under 100 characters of text, is the byline rather than article text (Readability keeps it
 * apart as the byline); it is detached, its ancestors added to `changed`.
 */
function removeByline(doc: Document, changed: Set<ParentNode>): void {
  const byline = findFirst(doc, (el) => {
    const a = el.attribs;
    if (!(a.rel === 'author' || (a.itemprop ?? '').includes('author') || BYLINE.test(`${a.class ?? ''} ${a.id ?? ''}`))) return false;
    const length = rawText(el).trim().length;
    return length > 0 && length < 100;
  });
  if (!byline) return;
  for (let node: ParentNode | null = byline.parent; node && !changed.has(node); node = node.parent) changed.add(node);
  detach(byline);
}

// ───────────────────────────── statistics ─────────────────────────────

/** Commas of Latin, Arabic, Chinese and other scripts. */
function isComma(c: number): boolean {
  return c === 44 || c === 0x060c || c === 0xfe50 || c === 0xfe10 || c === 0xfe11 || c === 0x2e41 || c === 0x2e34 || c === 0x2e32 || c === 0xff0c;
}

function countCommas(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (isComma(text.charCodeAt(i))) n++;
  return n;
}

function textLength(text: string): number {
  let n = 0;
  let space = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const isSpace = c === 32 || c === 10 || c === 9 || c === 13 || c === 0xa0 || c === 12;
    if (isSpace) {
      if (!space) n++;
      space = true;
    } else {
      n++;
      space = false;
    }
  }
  return n;
}

const HEADING = /^h[1-6]$/;
/** Elements whose text counts as running text for the conditional cleaning (a container with none holds only headings or bare links); `font` is an old span. */
const TEXTISH = new Set(['span', 'font', 'li', 'td', 'blockquote', 'dl', 'div', 'img', 'ol', 'p', 'pre', 'table', 'ul']);

/** Elements that give text a structure (paragraphs, lists, tables, headings): a div with none of them below is a paragraph itself. */
const STRUCTURE = new Set(['blockquote', 'dl', 'div', 'ol', 'p', 'pre', 'table', 'ul', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** Containers whose loose text (runs between `<br>`s, outside any `<p>`) reads as paragraphs. */
const LOOSE_TEXT_HOLDERS = new Set(['div', 'section', 'article', 'main', 'td', 'blockquote']);

/**
 * Post-order: text, link text, commas, paragraph text and whether a block descends, for every element; with
 * `only`, for those elements only (the others keep their stats).
 */
function measure(node: ParentNode, stats: Map<ParentNode, Stats>, inLink: boolean, only: Set<ParentNode> | null): Stats {
  const s: Stats = { text: 0, link: 0, commas: 0, paragraphText: 0, hasBlock: false, structure: 0, p: 0, img: 0, li: 0, input: 0, tables: 0, heading: 0, listText: 0, textish: 0 };
  const isLink = inLink || (node.type === 'tag' && node.name === 'a');
  /** Text outside any block child (bare text and inline elements between blocks): a paragraph without its <p>. */
  let loose = 0;
  for (const child of node.children) {
    if (child.type === 'text') {
      // Collapsed length and commas in one scan of the text.
      const data = child.data;
      let length = 0;
      let space = true;
      for (let i = 0; i < data.length; i++) {
        const c = data.charCodeAt(i);
        if (c === 32 || c === 10 || c === 9 || c === 13 || c === 0xa0 || c === 12) {
          if (!space) length++;
          space = true;
        } else {
          length++;
          space = false;
          if (isComma(c)) s.commas++;
        }
      }
      s.text += length;
      loose += length;
      if (isLink) s.link += length;
    } else if (isElement(child)) {
      const c = only && !only.has(child) ? (stats.get(child) as Stats) : measure(child, stats, isLink, only);
      const name = child.name;
      s.text += c.text;
      s.link += c.link;
      s.commas += c.commas;
      s.p += c.p + (name === 'p' || (name === 'div' && !c.hasBlock && c.img === 0 && c.text > 0) ? 1 : 0);
      s.img += c.img + (name === 'img' ? 1 : 0);
      s.structure += c.structure + (STRUCTURE.has(name) ? 1 : 0);
      s.li += c.li + (name === 'li' ? 1 : 0);
      s.input += c.input + (name === 'input' ? 1 : 0);
      s.tables += c.tables + (name === 'table' ? 1 : 0);
      s.heading += HEADING.test(name) ? c.text : c.heading;
      s.listText += name === 'ul' || name === 'ol' ? c.text : c.listText;
      s.textish += TEXTISH.has(name) ? c.text : c.textish;
      if (BLOCK.has(name)) s.hasBlock = true;
      else loose += c.text;
      const isParagraph = child.name === 'p' || child.name === 'pre' || (child.name === 'div' && !c.hasBlock);
      // A paragraph made mostly of links (a list of names, of tags) is not article text.
      if (!isParagraph) s.paragraphText += c.paragraphText;
      else if (c.link <= c.text * 0.5) s.paragraphText += c.text;
    }
  }
  if (s.hasBlock && node.type === 'tag' && LOOSE_TEXT_HOLDERS.has(node.name)) s.paragraphText += loose;
  // The loose text of a div reads as paragraphs of their own.
  if (node.type === 'tag' && node.name === 'div') s.textish += loose;
  // A link to an anchor of the page (a table of contents, a footnote) counts for less than a link away.
  if (node.type === 'tag' && node.name === 'a' && /^#./.test(node.attribs.href ?? '')) s.link = s.text * 0.3;
  stats.set(node, s);
  return s;
}

// ───────────────────────────── main content ─────────────────────────────

function classWeight(el: Element): number {
  let weight = 0;
  for (const name of [el.attribs.class, el.attribs.id]) {
    if (!name) continue;
    if (NEGATIVE.test(name)) weight -= 25;
    if (POSITIVE.test(name)) weight += 25;
  }
  return weight;
}

function tagWeight(name: string): number {
  switch (name) {
    case 'div':
    case 'article':
    case 'section':
    case 'main':
      return 5;
    case 'pre':
    case 'td':
    case 'blockquote':
      return 3;
    case 'address':
    case 'ol':
    case 'ul':
    case 'dl':
    case 'dd':
    case 'dt':
    case 'li':
    case 'form':
      return -3;
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
    case 'th':
      return -5;
    default:
      return 0;
  }
}

function linkDensity(s: Stats | undefined): number {
  return s && s.text > 0 ? s.link / s.text : 0;
}

/** `itemprop` is a list of names: `description articleBody` marks the body as well. */
const isArticleBody = (el: Element) => /(?:^|\s)articlebody(?:\s|$)/i.test(el.attribs.itemprop ?? '');

const isArticle = (el: Element) =>
  el.name === 'article' || (el.attribs.role ?? '').toLowerCase() === 'article' || /schema\.org\/(?:\w*Article|BlogPosting|Report)$/i.test(el.attribs.itemtype ?? '');

/** The nodes whose blocks make the article, in document order. */
function pickContent(body: ParentNode, stats: Map<ParentNode, Stats>, weighClasses: boolean): ChildNode[] {
  const total = stats.get(body)?.paragraphText ?? 0;
  // 1. Semantic containers that hold most of the paragraph text.
  const semantic: Element[] = [];
  const collect = (node: ParentNode): void => {
    for (const child of node.children) {
      if (!isElement(child)) continue;
      if (isArticleBody(child) || isArticle(child) || child.name === 'main') semantic.push(child);
      collect(child);
    }
  };
  collect(body);
  const rank = (el: Element) => (isArticleBody(el) ? 0 : isArticle(el) ? 1 : 2);
  const chosen = semantic
    .filter((el) => total >= 140 && (stats.get(el)?.paragraphText ?? 0) >= total * 0.6)
    .sort((a, b) => rank(a) - rank(b) || (stats.get(a)?.paragraphText ?? 0) - (stats.get(b)?.paragraphText ?? 0))[0];
  let marked: Element | null = chosen ?? null;
  // The one article of the page (a single articleBody, or a single article element or schema.org article
  // item), even beside longer lists of other stories.
  for (const r of [0, 1]) {
    const only = semantic.filter((el) => rank(el) === r);
    if (!marked && only.length === 1 && (stats.get(only[0])?.paragraphText ?? 0) >= Math.max(200, total * 0.25)) marked = only[0];
  }

  // 2. Readability-like scores: each paragraph gives to its parent, grandparent and further ancestors.
  const scores = new Map<Element, number>();
  const initial = (el: Element) => tagWeight(el.name) + (weighClasses ? classWeight(el) : 0);
  const give = (from: ParentNode | null, text: number, commas: number): void => {
    if (text < 25) return;
    const points = 2 + commas + Math.min(Math.floor(text / 100), 3);
    let ancestor = from;
    // A div around a single paragraph is that paragraph.
    if (ancestor && ancestor.type === 'tag' && isParagraphWrapper(ancestor, stats)) ancestor = ancestor.parent;
    for (let level = 0; level < 5 && ancestor && ancestor.type === 'tag' && ancestor.parent?.type === 'tag'; level++, ancestor = ancestor.parent) {
      const el = ancestor as Element;
      if (!scores.has(el)) scores.set(el, initial(el));
      const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3;
      scores.set(el, (scores.get(el) ?? 0) + points / divider);
    }
  };
  const score = (node: ParentNode): void => {
    for (const child of node.children) {
      if (!isElement(child)) continue;
      const s = stats.get(child);
      if (!s) continue;
      // The runs of text between the blocks of a div, or between the double line breaks of a div or a
      // paragraph, are paragraphs of their own.
      if ((child.name === 'div' && s.hasBlock) || ((child.name === 'div' || child.name === 'p') && hasDoubleBr(child))) {
        for (const run of looseRuns(child)) give(child, run.text, run.commas);
      } else if (SCORED.has(child.name) || child.name === 'div') give(child.parent, s.text, s.commas);
      score(child);
    }
  };
  score(body);
  let top: Element | null = null;
  let topScore = -Infinity;
  for (const [el, raw] of scores) {
    const final = raw * (1 - linkDensity(stats.get(el)));
    scores.set(el, final);
    if (final > topScore) {
      topScore = final;
      top = el;
    }
  }
  if (!top) return [(marked ?? body) as ChildNode];
  // The best score just around the marked article (its headline and byline beside it, little else) is the article.
  const aroundMarked = marked !== null && contains(top, marked) && (stats.get(marked)?.paragraphText ?? 0) >= (stats.get(top)?.paragraphText ?? 0) * 0.8;
  if (!aroundMarked) top = widen(top, topScore, scores);
  // A top candidate alone in its parent: the parent is the article.
  while (top.parent && top.parent.type === 'tag' && top.parent.children.filter(isElement).length === 1 && (top.parent as Element).name !== 'body') {
    top = top.parent as Element;
  }
  // The marked article wins over a best score outside it; a best score inside it is the article's body.
  if (marked && !contains(marked, top) && !aroundMarked) return [marked];
  // 3. Siblings that belong to the article as well.
  const parent = top.parent;
  if (!parent || parent.type !== 'tag') return [top];
  const threshold = Math.max(10, topScore * 0.2);
  const topClass = top.attribs.class ?? '';
  const out: ChildNode[] = [];
  for (const sibling of parent.children) {
    if (sibling === top) {
      out.push(sibling);
      continue;
    }
    if (!isElement(sibling)) continue;
    let bonus = 0;
    if (topClass && sibling.attribs.class === topClass) bonus += topScore * 0.2;
    if ((scores.get(sibling) ?? -Infinity) + bonus >= threshold) {
      out.push(sibling);
      continue;
    }
    // A paragraph beside the article (a lead above the body), a div of text alone being read as one.
    if (sibling.name === 'p' || (sibling.name === 'div' && stats.get(sibling)?.hasBlock === false)) {
      const s = stats.get(sibling);
      const density = linkDensity(s);
      const text = collapse(rawText(sibling));
      if ((text.length > 80 && density < 0.25) || (text.length > 0 && text.length <= 80 && density === 0 && /\.( |$)/.test(text))) out.push(sibling);
    }
  }
  return out;
}

/** Whether `el` is `ancestor` or inside it. */
function contains(ancestor: Element, el: Element): boolean {
  for (let node: ParentNode | null = el; node; node = node.parent) if (node === ancestor) return true;
  return false;
}

/** A div that holds one paragraph and nothing else (its links under a quarter of its text). */
function isParagraphWrapper(el: Element, stats: Map<ParentNode, Stats>): boolean {
  if (el.name !== 'div') return false;
  let only: Element | null = null;
  for (const child of el.children) {
    if (child.type === 'text') {
      if (child.data.trim() !== '') return false;
    } else if (isElement(child)) {
      if (only) return false;
      only = child;
    }
  }
  return only !== null && only.name === 'p' && linkDensity(stats.get(el)) < 0.25;
}

/** Whether two `<br>`s follow each other (whitespace between) among the children of an element: a paragraph break. */
function hasDoubleBr(el: Element): boolean {
  let afterBr = false;
  for (const child of el.children) {
    if (child.type === 'text') {
      if (child.data.trim() !== '') afterBr = false;
    } else if (child.name === 'br') {
      if (afterBr) return true;
      afterBr = true;
    } else afterBr = false;
  }
  return false;
}

/** Length and commas of each run of inline content between the blocks (and the double `<br>`s) of an element. */
function looseRuns(el: Element): { text: number; commas: number }[] {
  const runs: { text: number; commas: number }[] = [];
  let run = '';
  let afterBr = false;
  const end = (): void => {
    if (run.trim()) runs.push({ text: textLength(run), commas: countCommas(run) });
    run = '';
  };
  for (const child of el.children) {
    if (child.type === 'text') {
      run += child.data;
      if (child.data.trim() !== '') afterBr = false;
    } else if (isElement(child)) {
      if (child.name === 'br') {
        if (afterBr) end();
        afterBr = true;
        continue;
      }
      afterBr = false;
      if (BLOCK.has(child.name) || child.name === 'img') end();
      else run += rawText(child);
    }
  }
  end();
  return runs;
}

/**
 * The article is often split into sibling sections, each scoring on its own: the best candidate moves up to
 * the ancestor shared by at least three of the other strong candidates, then to a scored ancestor that scores
 * more (walking up while the ancestors keep a third of the score).
 */
function widen(top: Element, topScore: number, scores: Map<Element, number>): Element {
  const strong: Element[] = [];
  for (const [el, value] of scores) if (el !== top && value >= topScore * 0.75) strong.push(el);
  strong.sort((a, b) => (scores.get(b) ?? 0) - (scores.get(a) ?? 0));
  const others = strong.slice(0, 4);
  if (others.length >= 3) {
    for (let ancestor = top.parent; ancestor && ancestor.type === 'tag' && ancestor.name !== 'body'; ancestor = ancestor.parent) {
      if (others.filter((el) => contains(ancestor as Element, el)).length >= 3) {
        top = ancestor;
        break;
      }
    }
  }
  let last = scores.get(top) ?? topScore;
  const floor = last / 3;
  for (let parent = top.parent; parent && parent.type === 'tag' && parent.name !== 'body'; parent = parent.parent) {
    const value = scores.get(parent);
    if (value === undefined) continue;
    if (value < floor) break;
    if (value > last) {
      top = parent;
      break;
    }
    last = value;
  }
  return top;
}

// ───────────────────────────── blocks ─────────────────────────────

/** A slideshow inside the article: its captions tell other stories. */
const GALLERY = /(?:^|[\s_-])(?:gallery|slideshow|carousel)(?:$|[\s_-])/i;

/** List items and figures under an element (the slides of a gallery; a single photo with its caption is kept). */
function slides(root: ParentNode): number {
  let n = 0;
  for (const child of root.children) {
    if (!isElement(child)) continue;
    if (child.name === 'li' || child.name === 'figure') n++;
    n += slides(child);
  }
  return n;
}

/** Containers checked one by one inside the content (sections, articles and headings are kept whole). */
const CONDITIONAL = new Set(['div', 'ul', 'table', 'form', 'fieldset']);
/** Class and id names of boilerplate: a container inside the content with one of these is dropped. */
const BOILERPLATE = /-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget/i;
const CONTENT_NAME = /article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story/i;
/** Text that is only an advertising or loading label. */
const AD_OR_LOADING = /^(?:ad(?:vertising|vertisement)?|pub(?:licité)?|werb(?:ung)?|广告|Реклама|Anuncio|(?:loading|正在加载|Загрузка|chargement|cargando)(?:…|\.\.\.)?)$/iu;

function boilerplateWeight(el: Element): number {
  let weight = 0;
  for (const name of [el.attribs.class, el.attribs.id]) {
    if (!name) continue;
    if (BOILERPLATE.test(name)) weight -= 25;
    if (CONTENT_NAME.test(name)) weight += 25;
  }
  return weight;
}

/** Rows and columns of a table (its own rows, colspans counted), nested tables excluded. */
function tableSize(table: Element): { rows: number; columns: number } {
  let rows = 0;
  let columns = 0;
  const visit = (node: ParentNode): void => {
    for (const child of node.children) {
      if (!isElement(child) || child.name === 'table') continue;
      if (child.name === 'tr') {
        rows++;
        let cells = 0;
        for (const cell of child.children) if (isElement(cell) && (cell.name === 'td' || cell.name === 'th')) cells += Math.max(1, Number.parseInt(cell.attribs.colspan ?? '1', 10) || 1);
        columns = Math.max(columns, cells);
      } else visit(child);
    }
  };
  visit(table);
  return { rows, columns };
}

/**
 * A table of data (kept whole, with all it holds) rather than a layout table: a summary, a caption, header
 * cells or column groups, or a grid of more than ten cells without a nested table.
 */
function isDataTable(table: Element): boolean {
  const a = table.attribs;
  if ((a.role ?? '').toLowerCase() === 'presentation' || a.datatable === '0') return false;
  if (a.summary) return true;
  if (findFirst(table, (el) => (el.name === 'caption' && el.children.length > 0) || ['col', 'colgroup', 'tfoot', 'thead', 'th'].includes(el.name))) return true;
  if (findFirst(table, (el) => el.name === 'table')) return false;
  const { rows, columns } = tableSize(table);
  if (rows === 1 || columns === 1) return false;
  return rows >= 10 || columns > 4 || rows * columns > 10;
}

/**
 * Containers inside the content that are boilerplate rather than article text, tested as Readability cleans
 * conditionally: a boilerplate class or id; else, with fewer than ten commas, more images than twice the
 * paragraphs, more than a hundred list items outside a list, inputs, a short linked text, a link density above
 * 0.2 outside a list (0.5 for a content class), only headings or bare links, an ad or loading label. Data tables
 * and what they hold, and lists of images, stay. A slideshow is dropped whatever its text.
 */
function isJunkContainer(el: Element, s: Stats | undefined, inFigure: boolean, weighClasses: boolean): boolean {
  if (!CONDITIONAL.has(el.name)) return false;
  // A div of inline content (a caption included) is a paragraph, unless its running text is a quarter links or
  // more (a note pointing elsewhere).
  if (!s || (el.name === 'div' && s.structure === 0 && s.img === 0 && (linkDensity(s) < 0.25 || !hasInlineChild(el)))) return false;
  if (GALLERY.test(`${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`) && slides(el) >= 3) return true;
  if (el.name === 'table' && isDataTable(el)) return false;
  if (s.tables > 0 && findFirst(el, (t) => t.name === 'table' && isDataTable(t))) return false;
  const weight = weighClasses ? boilerplateWeight(el) : 0;
  if (weight < 0) return true;
  if (s.commas >= 10) return false;
  const text = s.text;
  if (text <= 30 && AD_OR_LOADING.test(collapse(rawText(el)))) return true;
  const isList = el.name === 'ul' || (text > 0 && s.listText / text > 0.9);
  const density = text > 0 ? s.link / text : 0;
  const remove =
    (!inFigure && s.img > 1 && s.p / s.img < 0.5) ||
    (!isList && s.li - 100 > s.p) ||
    s.input > Math.floor(s.p / 3) ||
    (!isList && !inFigure && (text === 0 || s.heading / text < 0.9) && text < 25 && (s.img === 0 || s.img > 2) && density > 0) ||
    (!isList && weight < 25 && density > 0.2) ||
    (weight >= 25 && density > 0.5) ||
    (s.img === 0 && s.textish === 0);
  if (!remove || !isList) return remove;
  // A list of images (one image per item, nothing else in the items) stays.
  const items = el.children.filter(isElement);
  return !(items.every((item) => item.children.filter(isElement).length <= 1) && s.img === s.li);
}

/** Whether an element holds running text of its own (text or an inline element among its children). */
function hasInlineChild(el: Element): boolean {
  return el.children.some((child) => (child.type === 'text' ? child.data.trim() !== '' : !BLOCK.has(child.name)));
}

/** The additive counts of Stats (what a removed subtree takes away from its ancestors). */
const COUNTS = ['text', 'link', 'commas', 'paragraphText', 'structure', 'p', 'img', 'li', 'input', 'tables', 'heading', 'listText', 'textish'] as const;

function addCounts(into: Stats | null, s: Stats): Stats {
  const out: Stats = into ?? { ...s };
  if (into) for (const key of COUNTS) out[key] += s[key];
  return out;
}

function withoutCounts(s: Stats, removed: Stats): Stats {
  const out: Stats = { ...s };
  for (const key of COUNTS) out[key] = Math.max(0, s[key] - removed[key]);
  return out;
}

/**
 * The containers under `root` left out by the conditional cleaning, judged from the innermost out as Readability
 * does: a container is weighed without the boilerplate already found inside it (a byline box loses its share
 * buttons before its link density is measured). Nothing inside a data table is judged.
 */
function junkContainers(root: ChildNode, stats: Map<ParentNode, Stats>, rules: Rules): Set<Element> {
  const junk = new Set<Element>();
  if (!rules.cleanConditionally || !isElement(root)) return junk;
  /** Returns the counts of what was left out under `node` (itself included), null when nothing was. */
  const visit = (node: Element, inFigure: boolean, inDataTable: boolean): Stats | null => {
    const figure = inFigure || node.name === 'figure';
    const dataTable = inDataTable || (node.name === 'table' && isDataTable(node));
    let removed: Stats | null = null;
    for (const child of node.children) {
      if (!isElement(child)) continue;
      const r = visit(child, figure, dataTable);
      if (r) removed = addCounts(removed, r);
    }
    if (node === root || inDataTable || !BLOCK.has(node.name)) return removed;
    const s = stats.get(node);
    if (!isJunkContainer(node, s && removed ? withoutCounts(s, removed) : s, inFigure, rules.weighClasses)) return removed;
    junk.add(node);
    return s ?? removed;
  };
  visit(root, false, false);
  return junk;
}

function blocksOf(root: ChildNode, stats: Map<ParentNode, Stats>, isHeadline: (heading: string) => boolean, rules: Rules): string[] {
  const junk = junkContainers(root, stats, rules);
  const blocks: string[] = [];
  let buffer = '';
  let afterBr = false;
  const flush = (): void => {
    const text = collapse(buffer);
    if (text) blocks.push(text);
    buffer = '';
  };
  const visit = (node: ChildNode, inFigure: boolean, inDataTable: boolean): void => {
    if (node.type === 'text') {
      if (afterBr && node.data.trim() === '') return;
      afterBr = false;
      buffer += node.data;
      return;
    }
    if (!isElement(node)) return;
    if (node.name === 'br') {
      if (afterBr) flush();
      else buffer += ' ';
      afterBr = true;
      return;
    }
    afterBr = false;
    if (node.name === 'img' || node.name === 'hr' || (node.name === 'h1' && isHeadline(collapse(rawText(node))))) return;
    const block = BLOCK.has(node.name);
    if (junk.has(node)) return;
    if (block) flush();
    if (node.name === 'pre') {
      buffer = rawText(node);
      const text = buffer.replace(/[ \t]+/g, ' ').trim();
      if (text) blocks.push(text);
      buffer = '';
      return;
    }
    const figure = inFigure || node.name === 'figure';
    const dataTable = inDataTable || (node.name === 'table' && isDataTable(node));
    for (const child of node.children) visit(child, figure, dataTable);
    if (block) flush();
  };
  visit(root, false, false);
  flush();
  return blocks;
}

/** Longer than this, a block is never a line of labels (share links, footer links) nor a date line. */
const MAX_LABEL_LINE = 300;

function keepBlock(block: string): boolean {
  if (block.length > MAX_LABEL_LINE) return /[\p{L}\p{N}]/u.test(block);
  const lower = block.toLowerCase();
  if (SHARE_LABELS.has(lower) || isFooterLine(block)) return false;
  if (lower.split(/\s*[|·•]\s*/).every((part) => part === '' || SHARE_LABELS.has(part))) return false;
  if (block.length < 80 && /\d/.test(block) && parseDateLine(block.replace(/^(?:publié|mis à jour|published|updated|posted)(?:\s+(?:le|on))?\s*:?\s*/i, ''))) return false;
  return /[\p{L}\p{N}]/u.test(block);
}

// ───────────────────────────── title, date, section ─────────────────────────────

const SEPARATOR = / [|\\/>»–—-] /;
const HIERARCHICAL = / [\\/>»] /;
const wordCount = (s: string) => s.split(/\s+/).length;

/** Share of b's words (their length) that a also has: 1 when every word of b is in a. */
function similarity(a: string, b: string): number {
  const tokensA = a.toLowerCase().split(/\W+/).filter(Boolean);
  const tokensB = b.toLowerCase().split(/\W+/).filter(Boolean);
  if (tokensA.length === 0 || tokensB.length === 0) return 0;
  const unique = tokensB.filter((token) => !tokensA.includes(token));
  return 1 - unique.join(' ').length / tokensB.join(' ').length;
}

/**
 * The title as Readability chooses it (the expected titles of the test corpus are its output): the JSON-LD
 * article's name or headline, else a title meta tag (Dublin Core, Open Graph, plain, Twitter, Parse.ly), else
 * the page title.
 */
function chooseTitle(metadata: Metadata): string | null {
  const ld = metadata.ldArticle;
  let fromLd: string | undefined;
  if (ld?.name !== undefined && ld.headline !== undefined && ld.name !== ld.headline) {
    // Both given and different (a site puts its own name in `name`): the one that matches the page title, name by default.
    const pageTitle = documentTitle(metadata);
    fromLd = similarity(ld.headline, pageTitle) > 0.75 && !(similarity(ld.name, pageTitle) > 0.75) ? ld.headline : ld.name;
  } else {
    fromLd = ld?.name ?? ld?.headline;
  }
  const m = metadata.titleMeta;
  const title =
    fromLd ||
    m.get('dc:title') ||
    m.get('dcterm:title') ||
    m.get('og:title') ||
    m.get('weibo:article:title') ||
    m.get('weibo:webpage:title') ||
    m.get('title') ||
    m.get('twitter:title') ||
    m.get('parsely-title') ||
    documentTitle(metadata);
  return title || null;
}

/**
 * `<title>` without the site name: the part before the last separator (| - – — \ / > »), or after the first one
 * when that leaves fewer than three words; after a colon unless a heading repeats the whole title; the only h1
 * when the title is very short or very long; the whole title when what remains is four words or fewer (unless
 * only a hierarchical separator was removed).
 */
function documentTitle(metadata: Metadata): string {
  const original = metadata.title;
  let title = original;
  let hierarchical = false;
  if (SEPARATOR.test(title)) {
    hierarchical = HIERARCHICAL.test(title);
    let last = -1;
    for (const match of original.matchAll(/ [|\\/>»–—-] /g)) last = match.index;
    title = original.slice(0, last);
    if (wordCount(title) < 3) title = original.replace(/^[^|\\/>»–—-]*[|\\/>»–—-]/, '');
  } else if (title.includes(': ')) {
    if (!metadata.headings.includes(title.trim())) {
      title = original.slice(original.lastIndexOf(':') + 1);
      if (wordCount(title) < 3) title = original.slice(original.indexOf(':') + 1);
      else if (wordCount(original.slice(0, original.indexOf(':'))) > 5) title = original;
    }
  } else if ((title.length > 150 || title.length < 15) && metadata.h1.length === 1) {
    title = metadata.h1[0];
  }
  title = collapse(title);
  const words = wordCount(title);
  if (words <= 4 && (!hierarchical || words !== wordCount(original.replace(/[|\\/>»–—-]+/g, '')) - 1)) title = original;
  return title;
}

function dateOf(value: string | undefined): string | null {
  if (!value) return null;
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  return parseDateLine(value);
}

function chooseDate(metadata: Metadata): string | null {
  const m = metadata.meta;
  const candidates = [
    ...metadata.times,
    m.get('article:published_time'),
    m.get('datepublished'),
    m.get('date'),
    m.get('dc.date'),
    m.get('dc.date.issued'),
    m.get('dcterms.date'),
    m.get('pubdate'),
    metadata.jsonLd.datePublished,
  ];
  for (const candidate of candidates) {
    const date = dateOf(candidate);
    if (date) return date;
  }
  return null;
}

function chooseSection(metadata: Metadata, title: string | null): string | null {
  const fromMeta = metadata.meta.get('article:section') || metadata.jsonLd.section;
  if (fromMeta) return fromMeta;
  const items = metadata.breadcrumb ?? [];
  const normalisedTitle = (title ?? '').toLowerCase();
  for (let i = items.length - 1; i >= 1; i--) {
    const item = items[i];
    if (item.toLowerCase() !== normalisedTitle && !normalisedTitle.startsWith(item.toLowerCase().replace(/…$/, ''))) return item;
  }
  return null;
}
