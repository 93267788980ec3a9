/**
 * The difference between two texts of an article, as editors read it: paragraph by paragraph, and word by
 * word inside a paragraph that changed. Longest common subsequence on paragraphs first (at most 500 of
 * them), then on the words of each replaced paragraph, so the tables stay small whatever the article's length.
 */
export type DiffOp = 'equal' | 'insert' | 'delete';

export interface DiffSegment {
  op: DiffOp;
  text: string;
}

/** One paragraph of the comparison: unchanged, added, removed, or changed (then word segments). */
export interface ParagraphDiff {
  kind: 'equal' | 'insert' | 'delete' | 'change';
  segments: DiffSegment[];
}

export interface TextVersion {
  title: string;
  section: string | null;
  tags: readonly string[];
  paragraphs: readonly string[];
}

export interface ArticleDiff {
  title: DiffSegment[];
  section: { before: string | null; after: string | null } | null;
  tags: { added: string[]; removed: string[] };
  paragraphs: ParagraphDiff[];
  /** Whether anything differs at all. */
  changed: boolean;
}

/** The LCS alignment of two sequences, as operations in order. */
function align<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): Array<{ op: DiffOp; a?: T; b?: T }> {
  const n = a.length;
  const m = b.length;
  const width = m + 1;
  const table = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * width + j] = same(a[i], b[j]) ? table[(i + 1) * width + j + 1] + 1 : Math.max(table[(i + 1) * width + j], table[i * width + j + 1]);
    }
  }
  const ops: Array<{ op: DiffOp; a?: T; b?: T }> = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (same(a[i], b[j])) {
      ops.push({ op: 'equal', a: a[i++], b: b[j++] });
    } else if (table[(i + 1) * width + j] >= table[i * width + j + 1]) {
      ops.push({ op: 'delete', a: a[i++] });
    } else {
      ops.push({ op: 'insert', b: b[j++] });
    }
  }
  while (i < n) ops.push({ op: 'delete', a: a[i++] });
  while (j < m) ops.push({ op: 'insert', b: b[j++] });
  return ops;
}

/** Words and the spaces between them, so that joining the segments gives back each text exactly. */
function tokens(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? [];
}

/** Word-level difference of two strings, adjacent segments of the same kind merged. */
export function diffWords(before: string, after: string): DiffSegment[] {
  const segments: DiffSegment[] = [];
  for (const step of align(tokens(before), tokens(after), (x, y) => x === y)) {
    const text = (step.op === 'insert' ? step.b : step.a) ?? '';
    const last = segments.at(-1);
    if (last && last.op === step.op) last.text += text;
    else segments.push({ op: step.op, text });
  }
  return segments;
}

export function diffArticles(before: TextVersion, after: TextVersion): ArticleDiff {
  const paragraphs: ParagraphDiff[] = [];
  const steps = align(before.paragraphs, after.paragraphs, (x, y) => x === y);
  for (let k = 0; k < steps.length; ) {
    if (steps[k].op === 'equal') {
      paragraphs.push({ kind: 'equal', segments: [{ op: 'equal', text: steps[k].a ?? '' }] });
      k++;
      continue;
    }
    // A run of removed and added paragraphs between two unchanged ones: pair them in order (a paragraph
    // rewritten shows what changed inside it); the rest are plainly removed or added.
    const removed: string[] = [];
    const added: string[] = [];
    for (; k < steps.length && steps[k].op !== 'equal'; k++) {
      if (steps[k].op === 'delete') removed.push(steps[k].a ?? '');
      else added.push(steps[k].b ?? '');
    }
    const pairs = Math.min(removed.length, added.length);
    for (let p = 0; p < pairs; p++) paragraphs.push({ kind: 'change', segments: diffWords(removed[p], added[p]) });
    for (const text of removed.slice(pairs)) paragraphs.push({ kind: 'delete', segments: [{ op: 'delete', text }] });
    for (const text of added.slice(pairs)) paragraphs.push({ kind: 'insert', segments: [{ op: 'insert', text }] });
  }
  const beforeTags = new Set(before.tags);
  const afterTags = new Set(after.tags);
  const tags = { added: after.tags.filter((t) => !beforeTags.has(t)), removed: before.tags.filter((t) => !afterTags.has(t)) };
  const title = diffWords(before.title, after.title);
  const section = before.section === after.section ? null : { before: before.section, after: after.section };
  const changed = title.some((s) => s.op !== 'equal') || section !== null || tags.added.length > 0 || tags.removed.length > 0 || paragraphs.some((p) => p.kind !== 'equal');
  return { title, section, tags, paragraphs, changed };
}
