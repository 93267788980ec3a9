import type { ArticleApprovedV1 } from '@newsroom/contracts';
import type { Actor } from '@newsroom/platform';
import type { Article, ArticleState } from './article.entity';

/** Approving anything but a draft: the article was approved already (by someone else, or by a second click). */
export class ArticleNotDraftError extends Error {
  override readonly name = 'ArticleNotDraftError';
  constructor(
    readonly articleId: string,
    readonly state: ArticleState,
  ) {
    super(`Article ${articleId} is ${state}, not a draft: only a draft can be approved.`);
  }
}

const PARIS_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date (YYYY-MM-DD) in Paris at an instant: the office's "today". */
export function parisDate(at: Date): string {
  const part = (type: string) => PARIS_DAY.formatToParts(at).find((p) => p.type === type)?.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

export interface ApprovalInput {
  actor: Pick<Actor, 'id' | 'name' | 'email'>;
  /** Not to be published before; null: as soon as possible. */
  publishAt: Date | null;
  now: Date;
}

/**
 * Approves a draft in place (state, approver, dates, a date for an undated draft, version + 1) and returns
 * the facts of `editorial.article.approved` v1. Throws ArticleNotDraftError for anything but a draft.
 */
export function approveDraft(article: Article, { actor, publishAt, now }: ApprovalInput): ArticleApprovedV1 {
  if (article.state !== 'draft') throw new ArticleNotDraftError(article.id, article.state);
  article.state = 'approved';
  article.approvedBy = actor.id;
  article.approvedAt = now;
  article.publishAt = publishAt;
  article.publishedOn ??= parisDate(now);
  article.version += 1;
  article.updatedAt = now;
  return {
    articleId: article.id,
    communiqueId: article.communiqueId,
    revision: article.revision,
    title: article.title,
    publishedOn: article.publishedOn,
    section: article.section,
    language: article.language,
    paragraphs: article.paragraphs,
    approvedBy: actor.name.trim() || actor.email,
    approvedAt: now.toISOString(),
    publishAt: publishAt ? publishAt.toISOString() : null,
  };
}
