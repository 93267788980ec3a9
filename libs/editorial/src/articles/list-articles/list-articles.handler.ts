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
  tags: string[];
  assignee_id: string | null;
  current_revision: number;
  is_public: boolean;
  published_revision: number | null;
  state_reason: string | null;
  state_changed_at: Date;
}

@QueryHandler(ListArticlesQuery)
export class ListArticlesHandler implements IQueryHandler<ListArticlesQuery> {
  constructor(@InjectDataSource('editorial') private readonly dataSource: DataSource) {}

  async execute({ filter }: ListArticlesQuery): Promise<ArticleSummary[]> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (filter.state) conditions.push(`state = $${params.push(filter.state)}`);
    if (filter.communiqueId) conditions.push(`communique_id = $${params.push(filter.communiqueId)}`);
    if (filter.section) conditions.push(`section = $${params.push(filter.section)}`);
    if (filter.assigneeId) conditions.push(`assignee_id = $${params.push(filter.assigneeId)}`);
    if (filter.search) {
      // Every word must appear in the title or the text, in any case (ILIKE with the wildcards escaped).
      for (const word of filter.search.split(/\s+/).filter(Boolean).slice(0, 10)) {
        const pattern = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        const at = params.push(pattern);
        conditions.push(`(title ILIKE $${at} OR paragraphs::text ILIKE $${at})`);
      }
    }
    const order = filter.state === 'approved' ? 'approved_at DESC, id DESC' : 'created_at DESC, id DESC';
    // The text stays in the table: a list only needs how many paragraphs there are.
    const rows: SummaryRow[] = await this.dataSource.query(
      `SELECT id, communique_id, state, title, published_on::text AS published_on, section, language,
              jsonb_array_length(paragraphs) AS paragraph_count, revision, created_at, approved_at, publish_at,
              near_duplicate_of_communique, near_duplicate_similarity, near_duplicate_of_article,
              tags, assignee_id, current_revision, is_public, published_revision, state_reason, state_changed_at
         FROM editorial.article
        ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
        ORDER BY ${order}
        LIMIT $${params.push(filter.limit)} OFFSET $${params.push(filter.offset ?? 0)}`,
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
      tags: row.tags,
      assigneeId: row.assignee_id,
      currentRevision: row.current_revision,
      isPublic: row.is_public,
      publishedRevision: row.published_revision,
      stateReason: row.state_reason,
      stateChangedAt: row.state_changed_at.toISOString(),
    }));
  }
}
