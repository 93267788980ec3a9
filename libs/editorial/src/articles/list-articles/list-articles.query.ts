import { Query } from '@nestjs/cqrs';
import type { ArticleSummary } from '../article-views';
import type { ArticleState } from '../article.entity';

export interface ArticleFilter {
  state?: ArticleState;
  communiqueId?: string;
  section?: string;
  assigneeId?: string;
  /** Words that must all appear in the title or the text. */
  search?: string;
  /** 1 to 200. */
  limit: number;
  offset?: number;
}

/** Articles newest first: by creation, or by approval for `state: 'approved'` (the recently approved first). */
export class ListArticlesQuery extends Query<ArticleSummary[]> {
  constructor(readonly filter: ArticleFilter) {
    super();
  }
}
