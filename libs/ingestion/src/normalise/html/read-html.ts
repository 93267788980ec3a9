import { Parser } from 'htmlparser2';
import { isoDate, parseDateLine } from '../dates';
import { CommuniqueRejected } from '../errors';
import type { ExtractedCommunique } from '../extracted-communique';
import { isFooterLine } from '../page-chrome';

/**
 * Our own article extractor for HTML communiqués, on htmlparser2 (parsed once, never executed, text only).
 * Steps: limits (element count, depth) → metadata (title, date, section, JSON-LD) → pruning of what is never
 * content (scripts, forms, hidden elements, page chrome by tag, role, class or id, except an element holding
 * most of the paragraph text) → statistics per element in one post-order pass → the main container
 * (`[itemprop=articleBody]`, `<article>`, `<main>` when they hold most of the text, else the best score,
 * Readability-like) and its qualifying siblings → paragraph-level blocks of plain text.
 */

/** More elements than this, or deeper nesting, is refused: no press release needs it and it costs time. */
export const MAX_HTML_ELEMENTS = 200_000;
export const MAX_HTML_DEPTH = 500;

const NEVER_CONTENT = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'svg', 'form', 'button', 'input', 'select', 'textarea',
  'nav', 'header', 'footer', 'aside', 'object', 'embed', 'canvas', 'video', 'audio', 'dialog', 'link', 'meta', 'head',
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
/** Elements scored as paragraphs. */
const PARAGRAPH = new Set(['p', 'pre', 'td', 'blockquote', 'li', 'dd', 'h2', 'h3', 'h4', 'h5', 'h6']);

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
  /** Contains a block-level element (a div without one is read as a paragraph). */
  hasBlock: boolean;
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
  ldArticle: { name?: string; headline?: string } | null;
  times: string[];
  breadcrumb: string[] | null;
}

/** HTML → what the page holds as a communiqué. Throws CommuniqueRejected('too-long') beyond the limits. */
export function readHtml(html: string): ExtractedCommunique {
  const metadataNodes: Element[] = [];
  const doc = buildTree(html, metadataNodes);
  const metadata = collectMetadata(doc);
  for (const node of metadataNodes) detach(node);
  const stats = new Map<ParentNode, Stats>();
  measure(doc, stats, false, null);
  const total = stats.get(doc)?.paragraphText ?? 0;
  // Only the ancestors of what was pruned are measured again.
  const changed = new Set<ParentNode>();
  pruneChrome(doc, stats, total, changed);
  if (changed.size > 0) measure(doc, stats, false, changed);

  const body = findFirst(doc, (el) => el.name === 'body') ?? doc;
  const content = pickContent(body, stats);
  const title = chooseTitle(metadata);
  const sameAsTitle = (block: string) => title !== null && block.toLowerCase() === title.toLowerCase();
  const keep = (block: string) => keepBlock(block) && !sameAsTitle(block);
  // An h1 that repeats the title (most of its words) is the headline, not body text; another h1 is a heading of the body.
  const isHeadline = (heading: string) => title === null || similarity(title, heading) > 0.75;
  let blocks = content.flatMap((node) => blocksOf(node, stats, isHeadline, true)).filter(keep);
  // Nothing but links (the whole text inside a link): their text is the article after all.
  if (blocks.length === 0) blocks = content.flatMap((node) => blocksOf(node, stats, isHeadline, false)).filter(keep);
  return {
    title,
    publishedOn: chooseDate(metadata),
    section: chooseSection(metadata, title),
    blocks,
  };
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
        if ((SKIPPED.has(name) && !jsonLd) || isHidden(attribs)) {
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
function jsonLdArticle(text: string): { name?: string; headline?: string } | null {
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
  };
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

function isHidden(a: Record<string, string>): boolean {
  if ('hidden' in a) return true;
  if ((a['aria-hidden'] ?? '').toLowerCase() === 'true') return true;
  const style = a.style;
  return style !== undefined && /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

function isChrome(el: Element): boolean {
  if (NEVER_CONTENT.has(el.name)) return true;
  const a = el.attribs;
  if (a.role && CHROME_ROLES.test(a.role)) return true;
  if (el.name === 'body' || el.name === 'html' || el.name === 'main' || el.name === 'article') return false;
  // An id of four words or more is a slug of a heading (`sharing-with-a-single-developer`), not a component name.
  const id = a.id && a.id.split(/[-_]+/).length <= 3 ? a.id : '';
  const names = `${a.class ?? ''} ${id}`;
  return names.length > 1 && CHROME_NAMES.test(names);
}

/** Detaches the chrome; `changed` receives every ancestor of a detached element. */
function pruneChrome(root: ParentNode, stats: Map<ParentNode, Stats>, total: number, changed: Set<ParentNode>): void {
  const children = root.children;
  for (let i = children.length - 1; i >= 0; i--) {
    const child = children[i];
    if (!isElement(child)) continue;
    const holdsMost = (stats.get(child)?.paragraphText ?? 0) > total * 0.5;
    if (!holdsMost && isChrome(child)) {
      for (let node: ParentNode | null = root; node && !changed.has(node); node = node.parent) changed.add(node);
      children.splice(i, 1);
      child.parent = null;
    } else pruneChrome(child, stats, total, changed);
  }
}

// ───────────────────────────── statistics ─────────────────────────────

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

/** Containers whose loose text (runs between `<br>`s, outside any `<p>`) reads as paragraphs. */
const LOOSE_TEXT_HOLDERS = new Set(['div', 'section', 'article', 'main', 'td', 'blockquote']);

/**
 * Post-order: text, link text, commas, paragraph text and whether a block descends, for every element; with
 * `only`, for those elements only (the others keep their stats).
 */
function measure(node: ParentNode, stats: Map<ParentNode, Stats>, inLink: boolean, only: Set<ParentNode> | null): Stats {
  const s: Stats = { text: 0, link: 0, commas: 0, paragraphText: 0, hasBlock: false };
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
          if (c === 44 || c === 0x060c || c === 0xfe50 || c === 0xff0c || c === 0x3001) s.commas++;
        }
      }
      s.text += length;
      loose += length;
      if (isLink) s.link += length;
    } else if (isElement(child)) {
      const c = only && !only.has(child) ? (stats.get(child) as Stats) : measure(child, stats, isLink, only);
      s.text += c.text;
      s.link += c.link;
      s.commas += c.commas;
      if (BLOCK.has(child.name)) s.hasBlock = true;
      else loose += c.text;
      const isParagraph = child.name === 'p' || child.name === 'pre' || (child.name === 'div' && !c.hasBlock);
      // A paragraph made mostly of links (a list of names, of tags) is not article text.
      if (!isParagraph) s.paragraphText += c.paragraphText;
      else if (c.link <= c.text * 0.5) s.paragraphText += c.text;
    }
  }
  if (s.hasBlock && node.type === 'tag' && LOOSE_TEXT_HOLDERS.has(node.name)) s.paragraphText += loose;
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
function pickContent(body: ParentNode, stats: Map<ParentNode, Stats>): ChildNode[] {
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
  if (chosen) return [chosen];
  // The one article of the page (a single articleBody, or a single article element or schema.org article
  // item), even beside longer lists of other stories.
  for (const r of [0, 1]) {
    const only = semantic.filter((el) => rank(el) === r);
    if (only.length === 1 && (stats.get(only[0])?.paragraphText ?? 0) >= Math.max(200, total * 0.25)) return [only[0]];
  }

  // 2. Readability-like scores: each paragraph gives to its parent, grandparent and further ancestors.
  const scores = new Map<Element, number>();
  const initial = (el: Element) => tagWeight(el.name) + classWeight(el);
  const score = (node: ParentNode): void => {
    for (const child of node.children) {
      if (!isElement(child)) continue;
      const s = stats.get(child);
      const isParagraph = PARAGRAPH.has(child.name) || (child.name === 'div' && s !== undefined && !s.hasBlock);
      if (isParagraph && s && s.text >= 25) {
        const points = 1 + s.commas + Math.min(Math.floor(s.text / 100), 3);
        let ancestor = child.parent;
        for (let level = 0; level < 5 && ancestor && ancestor.type === 'tag'; level++, ancestor = ancestor.parent) {
          const el = ancestor as Element;
          if (!scores.has(el)) scores.set(el, initial(el));
          const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3;
          scores.set(el, (scores.get(el) ?? 0) + points / divider);
        }
        if (child.name !== 'div' || s.hasBlock) continue;
      }
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
  if (!top) return [body as ChildNode];
  top = widen(top, topScore, scores);
  // A top candidate alone in its parent: the parent is the article.
  while (top.parent && top.parent.type === 'tag' && top.parent.children.filter(isElement).length === 1 && (top.parent as Element).name !== 'body') {
    top = top.parent as Element;
  }
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
  const contains = (ancestor: Element, el: Element): boolean => {
    for (let node: ParentNode | null = el; node; node = node.parent) if (node === ancestor) return true;
    return false;
  };
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

/** Containers inside the content that are lists of links or boilerplate rather than article text. */
function isJunkContainer(el: Element, stats: Map<ParentNode, Stats>): boolean {
  if (!['div', 'section', 'ul', 'ol', 'table', 'dl'].includes(el.name)) return false;
  const s = stats.get(el);
  if (!s || s.text === 0) return false;
  if (GALLERY.test(`${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`) && slides(el) >= 3) return true;
  if (s.commas >= 10) return false;
  const density = s.link / s.text;
  const weight = classWeight(el);
  if (weight < 0 && s.paragraphText < 200) return true;
  return density > 0.5 || (density > 0.25 && s.paragraphText < 100 && weight < 25);
}

/** A block made of one link is kept from this many words (the text of a bulleted list of news, of bugs fixed). */
const LINK_SENTENCE_WORDS = 5;

function blocksOf(root: ChildNode, stats: Map<ParentNode, Stats>, isHeadline: (heading: string) => boolean, dropLinkBlocks: boolean): string[] {
  const blocks: string[] = [];
  let buffer = '';
  let linkChars = 0;
  let afterBr = false;
  const flush = (): void => {
    const text = collapse(buffer);
    // A short link alone (a menu entry, "read more") is not text; a sentence that happens to be a link is.
    const linkOnly = linkChars >= textLength(text) * 0.9 && text.length < 200 && (wordCount(text) < LINK_SENTENCE_WORDS || !/[.!?:]$|\s\p{Ll}/u.test(text));
    if (text && !(dropLinkBlocks && linkOnly)) blocks.push(text);
    buffer = '';
    linkChars = 0;
  };
  const visit = (node: ChildNode, inLink: boolean): void => {
    if (node.type === 'text') {
      if (afterBr && node.data.trim() === '') return;
      afterBr = false;
      buffer += node.data;
      if (inLink) linkChars += textLength(node.data);
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
    if (block && node !== root && isJunkContainer(node, stats)) return;
    if (block) flush();
    if (node.name === 'pre') {
      buffer = rawText(node);
      const text = buffer.replace(/[ \t]+/g, ' ').trim();
      if (text) blocks.push(text);
      buffer = '';
      return;
    }
    const link = inLink || node.name === 'a';
    for (const child of node.children) visit(child, link);
    if (block) flush();
  };
  visit(root, false);
  flush();
  return blocks;
}

function keepBlock(block: string): boolean {
  const lower = block.toLowerCase();
  if (SHARE_LABELS.has(lower) || isFooterLine(block)) return false;
  if (lower.split(/\s*[|·•]\s*/).every((part) => part === '' || SHARE_LABELS.has(part))) return false;
  if (block.length < 80 && parseDateLine(block.replace(/^(?:publié|mis à jour|published|updated|posted)(?:\s+(?:le|on))?\s*:?\s*/i, ''))) return false;
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
