import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { foldAccents } from '../search/search-text';
import { FindPublishedArticleQuery, ListArticlesQuery, SearchArticlesQuery, type ArticleList, type ArticleTeaser, type PublishedArticle } from './published-article.query';

/** What readers may see of an article: live only (`published_at` set), never a pending revision. Lists leave the text out. */
const TEASER = `id, slug, title, to_char(published_on, 'YYYY-MM-DD') AS published_on, section, language, summary, first_published_at, published_at`;
const COLUMNS = `${TEASER}, paragraphs, corrections`;
/** The SQL twin of `sectionKey`: trimmed, typographic apostrophes made plain, lower case. */
export const SECTION_KEY_SQL = `lower(translate(btrim(section), '’ʼ\`', $q$'''$q$))`;
const NEWEST_FIRST = `published_on DESC, published_at DESC, id`;

interface TeaserRow {
  id: string;
  slug: string;
  title: string;
  published_on: string;
  section: string | null;
  language: string;
  summary: string;
  first_published_at: Date;
  published_at: Date;
  total?: string | number;
}

interface Row extends TeaserRow {
  paragraphs: string[];
  corrections: PublishedArticle['corrections'];
}

function toTeaser(row: TeaserRow): ArticleTeaser {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    publishedOn: row.published_on,
    section: row.section,
    language: row.language,
    summary: row.summary,
    firstPublishedAt: new Date(row.first_published_at),
    publishedAt: new Date(row.published_at),
  };
}

function toPublished(row: Row): PublishedArticle {
  return { ...toTeaser(row), paragraphs: row.paragraphs, corrections: row.corrections ?? [] };
}

/** `total` is 0 for a page past the end (no row to carry the count): the page is not found then. */
function toList(rows: TeaserRow[]): ArticleList {
  return { articles: rows.map(toTeaser), total: rows.length ? Number(rows[0].total) : 0 };
}

const clamp = (n: number, min: number, max: number) => Math.min(Math.max(min, Math.trunc(n)), max);

@QueryHandler(FindPublishedArticleQuery)
export class FindPublishedArticleHandler implements IQueryHandler<FindPublishedArticleQuery> {
  constructor(@InjectDataSource('publishing') private readonly db: DataSource) {}

  async execute({ slug }: FindPublishedArticleQuery): Promise<PublishedArticle | null> {
    const [row]: Row[] = await this.db.query(`SELECT ${COLUMNS} FROM publishing.article WHERE slug = $1 AND published_at IS NOT NULL`, [slug]);
    return row ? toPublished(row) : null;
  }
}

@QueryHandler(ListArticlesQuery)
export class ListArticlesHandler implements IQueryHandler<ListArticlesQuery> {
  constructor(@InjectDataSource('publishing') private readonly db: DataSource) {}

  async execute({ options }: ListArticlesQuery): Promise<ArticleList> {
    const params: unknown[] = [clamp(options.limit, 1, 50_000), clamp(options.offset ?? 0, 0, 1_000_000)];
    let where = 'published_at IS NOT NULL';
    if (options.sectionKeys) {
      params.push(options.sectionKeys);
      where += ` AND ${SECTION_KEY_SQL} = ANY($3::text[])`;
    }
    const rows: TeaserRow[] = await this.db.query(`SELECT ${TEASER}, count(*) OVER () AS total FROM publishing.article WHERE ${where} ORDER BY ${NEWEST_FIRST} LIMIT $1 OFFSET $2`, params);
    return toList(rows);
  }
}

@QueryHandler(SearchArticlesQuery)
export class SearchArticlesHandler implements IQueryHandler<SearchArticlesQuery> {
  constructor(@InjectDataSource('publishing') private readonly db: DataSource) {}

  async execute({ text, limit, offset }: SearchArticlesQuery): Promise<ArticleList> {
    const rows: TeaserRow[] = await this.db.query(
      `SELECT ${TEASER}, count(*) OVER () AS total
         FROM publishing.article, websearch_to_tsquery('french', $1) AS query
        WHERE published_at IS NOT NULL AND search_vector @@ query
        ORDER BY ts_rank(search_vector, query) DESC, ${NEWEST_FIRST}
        LIMIT $2 OFFSET $3`,
      [foldAccents(text), clamp(limit, 1, 100), clamp(offset, 0, 100_000)],
    );
    return toList(rows);
  }
}
