import type { ArticleApprovedV1 } from '@newsroom/contracts';
import { summarize } from './summary';

export type ArticleState = 'scheduled' | 'published';

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
}

export function intakeOf(known: KnownArticle | null, revision: number, publishAt: string | null, now: Date): Intake {
  if (known && revision <= Math.max(known.revision, known.pending?.revision ?? 0)) return 'ignore';
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
