import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { nearDuplicateView, type ArticleSummary } from '../article-views';
import type { ArticleState } from '../article.entity';
import { ListArticlesQuery } from './list-articles.query';

interface SummaryRow {
  id: string;
  communique_id: string | null;
  state: ArticleState;
  title: string;
  published_on: string | null;
  section: string | null;
  language: string;
  paragraph_count: number;
  revision: number;
  created_at: Date;
  approved_at: Date | null;
  publish_at: Date | null;
  near_duplicate_of_communique: string | null;
  near_duplicate_similarity: number | null;
  near_duplicate_of_article: string | null;
}

@QueryHandler(ListArticlesQuery)
export class ListArticlesHandler implements IQueryHandler<ListArticlesQuery> {
  constructor(@InjectDataSource('editorial') private readonly dataSource: DataSource) {}

  async execute({ filter }: ListArticlesQuery): Promise<ArticleSummary[]> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (filter.state) conditions.push(`state = $${params.push(filter.state)}`);
    if (filter.communiqueId) conditions.push(`communique_id = $${params.push(filter.communiqueId)}`);
    const order = filter.state === 'approved' ? 'approved_at DESC, id DESC' : 'created_at DESC, id DESC';
    // The text stays in the table: a list only needs how many paragraphs there are.
    const rows: SummaryRow[] = await this.dataSource.query(
      `SELECT id, communique_id, state, title, published_on::text AS published_on, section, language,
              jsonb_array_length(paragraphs) AS paragraph_count, revision, created_at, approved_at, publish_at,
              near_duplicate_of_communique, near_duplicate_similarity, near_duplicate_of_article
         FROM editorial.article
        ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
        ORDER BY ${order}
        LIMIT $${params.push(filter.limit)}`,
      params,
    );
    return rows.map((row) => ({
      id: row.id,
      communiqueId: row.communique_id,
      state: row.state,
      title: row.title,
      publishedOn: row.published_on,
      section: row.section,
      language: row.language,
      paragraphCount: Number(row.paragraph_count),
      revision: row.revision,
      createdAt: row.created_at.toISOString(),
      approvedAt: row.approved_at?.toISOString() ?? null,
      publishAt: row.publish_at?.toISOString() ?? null,
      nearDuplicateOf: nearDuplicateView(row.near_duplicate_of_communique, row.near_duplicate_similarity, row.near_duplicate_of_article),
    }));
  }
}
