import { Query } from '@nestjs/cqrs';
import type { Correction } from './article';

/** A live article in a list, a feed or the sitemap: everything but its text. */
export interface ArticleTeaser {
  id: string;
  slug: string;
  title: string;
  publishedOn: string;
  section: string | null;
  language: string;
  summary: string;
  firstPublishedAt: Date;
  publishedAt: Date;
}

/** A live article as readers see it (its live revision, never a pending one). */
export interface PublishedArticle extends ArticleTeaser {
  paragraphs: string[];
  corrections: Correction[];
}

/** The live article at `slug`, or null (unknown, not published yet, withdrawn). */
export class FindPublishedArticleQuery extends Query<PublishedArticle | null> {
  constructor(readonly slug: string) {
    super();
  }
}

export interface ArticleList {
  articles: ArticleTeaser[];
  /** How many live articles match, over every page. */
  total: number;
}

/**
 * Live articles, newest communiqué date first (then newest publication): all of them, or those filed
 * under one section (`sectionKeys`: its name and aliases as `sectionKey`s). Lists, section pages, feeds, sitemap.
 */
export class ListArticlesQuery extends Query<ArticleList> {
  constructor(readonly options: { limit: number; offset?: number; sectionKeys?: string[] }) {
    super();
  }
}

/** Live articles matching the words of `text` (French stemming, accents ignored), best first. */
export class SearchArticlesQuery extends Query<ArticleList> {
  constructor(
    readonly text: string,
    readonly limit: number,
    readonly offset = 0,
  ) {
    super();
  }
}
