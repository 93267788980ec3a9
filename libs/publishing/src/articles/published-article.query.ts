import { Query } from '@nestjs/cqrs';

/** A live article as readers see it (its live revision, never a pending one). */
export interface PublishedArticle {
  id: string;
  slug: string;
  title: string;
  publishedOn: string;
  section: string | null;
  language: string;
  paragraphs: string[];
  summary: string;
  publishedAt: Date;
}

/** The live article at `slug`, or null (unknown, or not published yet). */
export class FindPublishedArticleQuery extends Query<PublishedArticle | null> {
  constructor(readonly slug: string) {
    super();
  }
}

/** The latest live articles, newest communiqué date first. */
export class LatestArticlesQuery extends Query<PublishedArticle[]> {
  constructor(readonly limit = 20) {
    super();
  }
}
