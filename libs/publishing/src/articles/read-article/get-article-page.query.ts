import { Query } from '@nestjs/cqrs';

export interface StoredArticlePage {
  html: string;
  /** Unquoted. */
  etag: string;
  lastModified: Date;
}

/** The stored rendering of a live article, or null (unknown slug, or not published yet). */
export class GetArticlePageQuery extends Query<StoredArticlePage | null> {
  constructor(readonly slug: string) {
    super();
  }
}
