import { Query } from '@nestjs/cqrs';
import type { ArticleDetail } from '../article-views';

/** One article with its text, or null. */
export class GetArticleQuery extends Query<ArticleDetail | null> {
  constructor(readonly articleId: string) {
    super();
  }
}
