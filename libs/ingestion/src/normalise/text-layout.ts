import { parseDateLine, findDateInWords } from './dates';
import { breadcrumbOf, isFooterLine, isNavigationLine } from './page-chrome';
import { collapseSpaces } from './typography';
import type { ExtractedCommunique } from './extracted-communique';

const MAX_TITLE_LINE = 300;
const MAX_UNDATED_TITLE_LINE = 200;

const isBlank = (line: string) => line.trim().length === 0;

/** Ends like a sentence (or a clause), so it is a paragraph rather than a title. */
const endsLikeSentence = (line: string) => /[.,;:…]$/.test(line.trim());

/**
 * Reads plain text in either of the shapes communiqués arrive in:
 * - page text scraped from a site: navigation line, breadcrumb, title line, date line, paragraphs
 *   separated by blank lines, footer links — the chrome is removed, the breadcrumb's last segment is the section;
 * - bare paragraphs, one per line or separated by blank lines, with no title (one is generated later)
 *   and the date, if any, in the lead sentence.
 * Lines are returned as they are (typography comes after): this is where the structure is found.
 */
export function readTextLayout(text: string): ExtractedCommunique {
  const lines = text
    .replace(/^\ufeff/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/\s+$/u, ''));

  let start = 0;
  let end = lines.length; // exclusive
  const skipBlanksForward = () => {
    while (start < end && isBlank(lines[start])) start++;
  };
  const skipBlanksBackward = () => {
    while (end > start && isBlank(lines[end - 1])) end--;
  };

  // Chrome at the top: navigation bars and breadcrumbs, in any order.
  let crumbs: string[] | null = null;
  for (skipBlanksForward(); start < end; skipBlanksForward()) {
    const line = lines[start];
    const breadcrumb = breadcrumbOf(line);
    if (isNavigationLine(line)) start++;
    else if (breadcrumb) {
      crumbs = breadcrumb;
      start++;
    } else break;
  }
  // Chrome at the bottom: footer links.
  for (skipBlanksBackward(); end > start && isFooterLine(lines[end - 1]); skipBlanksBackward()) end--;

  let title: string | null = null;
  let publishedOn: string | null = null;
  const nextContent = (from: number) => {
    let i = from;
    while (i < end && isBlank(lines[i])) i++;
    return i;
  };

  // The head: an optional date line, an optional title line, an optional date line (the first date found wins).
  let i = nextContent(start);
  const takeDateLine = () => {
    const date = i < end ? parseDateLine(lines[i]) : null;
    if (date === null || publishedOn !== null) return;
    publishedOn = date;
    start = nextContent(i + 1);
    i = start;
  };
  takeDateLine();

  if (i < end) {
    const candidate = collapseSpaces(lines[i]);
    const afterCandidate = nextContent(i + 1);
    const rest = lines.slice(afterCandidate, end).filter((line) => !isBlank(line));
    const looksLikeTitle =
      candidate.length > 0 &&
      candidate.length <= MAX_TITLE_LINE &&
      !endsLikeSentence(candidate) &&
      parseDateLine(candidate) === null &&
      rest.length > 0;
    const dateFollows = afterCandidate < end && parseDateLine(lines[afterCandidate]) !== null;
    const blankFollows = i + 1 < end && isBlank(lines[i + 1]);
    const hasBlankLines = lines.slice(i + 1, end).some(isBlank);
    // One paragraph per line and no blank line at all: a short first line without final punctuation, before at least two lines.
    const headsOneLineParagraphs = !hasBlankLines && rest.length >= 2 && candidate.length <= MAX_UNDATED_TITLE_LINE && findDateInWords(candidate) === null;
    const short = candidate.length <= MAX_UNDATED_TITLE_LINE && candidate.split(' ').length >= 2;
    if (looksLikeTitle && (dateFollows || (short && blankFollows) || (short && headsOneLineParagraphs))) {
      title = candidate;
      start = afterCandidate;
      i = start;
      takeDateLine();
    }
  }

  return { title, publishedOn, section: crumbs ? sectionOf(crumbs, title) : null, blocks: blocksOf(lines.slice(start, end)) };
}

/** The breadcrumb's last segment, unless it only repeats the title (then the one before it). */
function sectionOf(crumbs: string[], title: string | null): string | null {
  const last = crumbs[crumbs.length - 1];
  if (title !== null && last.toLowerCase() === title.toLowerCase()) return crumbs.length > 2 ? crumbs[crumbs.length - 2] : null;
  return last;
}

/** Paragraphs: separated by blank lines when the text has any (lines inside one are joined), else one per line. */
function blocksOf(lines: string[]): string[] {
  const first = lines.findIndex((line) => !isBlank(line));
  if (first < 0) return [];
  const content = lines.slice(first);
  const hasBlankLines = content.some(isBlank);
  if (!hasBlankLines) return content.filter((line) => !isBlank(line));
  const blocks: string[] = [];
  let current: string[] = [];
  for (const line of content) {
    if (isBlank(line)) {
      if (current.length) blocks.push(current.join(' '));
      current = [];
    } else current.push(line);
  }
  if (current.length) blocks.push(current.join(' '));
  return blocks;
}
