import { Command } from '@nestjs/cqrs';
import type { Actor } from '@newsroom/platform';
import type { ArticleDetail } from '../../articles/article-views';

/** A decision on an article; each is a transition of the workflow (workflow.ts). */
export type ReviewDecision =
  | { action: 'submit' }
  | { action: 'request_changes'; reason: string }
  | { action: 'approve'; publishAt: Date | null; correctionNote?: string | null }
  | { action: 'reject'; reason: string }
  | { action: 'reschedule'; publishAt: Date | null }
  | { action: 'withdraw'; reason: string }
  | { action: 'reopen' }
  | { action: 'assign'; assigneeId: string | null };

export class ReviewArticleCommand extends Command<ArticleDetail> {
  constructor(
    readonly articleId: string,
    readonly actor: Actor,
    readonly decision: ReviewDecision,
    /** The version the user saw; a different current version is a conflict (409). Omitted: no check. */
    readonly expectedVersion?: number,
  ) {
    super();
  }
}
