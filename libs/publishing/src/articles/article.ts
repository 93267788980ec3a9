import type { ArticleApprovedV1 } from '@newsroom/contracts';
import { summarize, type CorrectionNote } from '@newsroom/site-theme';

export type ArticleState = 'scheduled' | 'published' | 'withdrawn';

/** A correction note, as readers see it under the article (the page renders it). */
export type Correction = CorrectionNote;

/** What one approved revision says about the article, as the site keeps it. */
export interface ArticleContent {
  revision: number;
  title: string;
  publishedOn: string;
  section: string | null;
  language: string;
  paragraphs: string[];
}

/**
 * What an approved revision leads to:
 * - `ignore`: not newer than the newest revision known (a redelivery, or one that arrived late);
 * - `publish`: due (no publishAt, or not in the future): published now;
 * - `schedule`: not due yet and nothing live: it waits, invisible;
 * - `hold`: not due yet while an earlier revision is live: that one stays visible until then.
 */
export type Intake = 'ignore' | 'publish' | 'schedule' | 'hold';

export interface KnownArticle {
  revision: number;
  pending: Pick<ArticleContent, 'revision'> | null;
  publishedAt: Date | null;
  state?: ArticleState;
}

/** A withdrawn article takes a new approval of its last revision too: approving it again puts it back. */
export function intakeOf(known: KnownArticle | null, revision: number, publishAt: string | null, now: Date): Intake {
  const newest = known ? Math.max(known.revision, known.pending?.revision ?? 0) : 0;
  if (known && (known.state === 'withdrawn' ? revision < newest : revision <= newest)) return 'ignore';
  if (isDue(publishAt, now)) return 'publish';
  return known?.publishedAt ? 'hold' : 'schedule';
}

export function isDue(publishAt: string | Date | null, now: Date): boolean {
  return publishAt === null || new Date(publishAt).getTime() <= now.getTime();
}

export function contentOf(data: ArticleApprovedV1): ArticleContent {
  const { revision, title, publishedOn, section, language, paragraphs } = data;
  return { revision, title, publishedOn, section, language, paragraphs };
}

/** Puts a revision's content into the article's content columns (the slug never changes). */
export function applyContent(article: ArticleContent & { summary: string }, content: ArticleContent): void {
  Object.assign(article, {
    revision: content.revision,
    title: content.title,
    publishedOn: content.publishedOn,
    section: content.section,
    language: content.language,
    paragraphs: content.paragraphs,
    summary: summarize(content.paragraphs[0]),
  });
}

/**
 * What an `editorial.article.rescheduled` does: `move` the waiting revision's time (still in the future),
 * `publish` it now (the new time has come, or none was given), or `ignore` it: nothing waits for that
 * revision (unknown article, already public, withdrawn, another revision).
 */
export type Reschedule = 'ignore' | 'move' | 'publish';

export function rescheduleOf(known: (KnownArticle & { state: ArticleState }) | null, revision: number, publishAt: string | null, now: Date): Reschedule {
  if (!known || known.state !== 'scheduled') return 'ignore';
  const waiting = known.pending?.revision ?? known.revision;
  if (revision !== waiting) return 'ignore';
  return isDue(publishAt, now) ? 'publish' : 'move';
}

/**
 * What an `editorial.article.corrected` does: `publish` the corrected revision at once when the article is
 * live (the same address, the note under it); `keep` it without publishing when nothing is live (a
 * scheduled article stays embargoed, a withdrawn one stays down); `ignore` an old or unknown one.
 */
export type CorrectionIntake = 'ignore' | 'publish' | 'keep';

export function correctionOf(known: KnownArticle | null, revision: number): CorrectionIntake {
  if (!known || revision <= Math.max(known.revision, known.pending?.revision ?? 0)) return 'ignore';
  return known.publishedAt ? 'publish' : 'keep';
}
