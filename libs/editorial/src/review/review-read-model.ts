import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, type Actor, type BaseConfig } from '@newsroom/platform';
import type { DataSource } from 'typeorm';
import { Article } from '../articles/article.entity';
import { allowedActions, type WorkflowAction } from '../articles/workflow';
import { workflowSubject } from './article-record';
import { ArticleComment, ArticleRevision, AuditEntry } from './review.entities';
import { auditView, commentView, revisionView, type AuditView, type CommentView, type RevisionView } from './review-views';
import { diffArticles, type ArticleDiff } from './text-diff';

/** What the draft page and the API read besides the article: revisions, differences, comments, history, allowed actions. */
@Injectable()
export class ReviewReadModel {
  constructor(
    @InjectDataSource('editorial') private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: BaseConfig,
  ) {}

  async revisions(articleId: string): Promise<RevisionView[]> {
    const rows = await this.dataSource.manager.find(ArticleRevision, { where: { articleId }, order: { number: 'DESC' } });
    return rows.map(revisionView);
  }

  async revision(articleId: string, number: number): Promise<RevisionView> {
    const row = await this.dataSource.manager.findOne(ArticleRevision, { where: { articleId, number } });
    if (!row) throw new NotFoundException(`Article ${articleId} has no revision ${number}.`);
    return revisionView(row);
  }

  /** The difference between two saved revisions (1 is the text as received). */
  async diff(articleId: string, from: number, to: number): Promise<{ from: RevisionView; to: RevisionView; diff: ArticleDiff }> {
    const [before, after] = await Promise.all([this.revision(articleId, from), this.revision(articleId, to)]);
    return { from: before, to: after, diff: diffArticles(before, after) };
  }

  async comments(articleId: string): Promise<CommentView[]> {
    const rows = await this.dataSource.manager.find(ArticleComment, { where: { articleId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return rows.map(commentView);
  }

  async history(articleId: string): Promise<AuditView[]> {
    const rows = await this.dataSource.manager.find(AuditEntry, { where: { articleId }, order: { seq: 'ASC' } });
    return rows.map(auditView);
  }

  /** The audit trail between two instants, in the order it was written, in pages after `afterSeq` (an export streams them). */
  async audit(range: { from?: Date; to?: Date; articleId?: string }, limit: number, afterSeq?: string): Promise<Array<AuditView & { seq: string }>> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (range.from) conditions.push(`at >= $${params.push(range.from)}`);
    if (range.to) conditions.push(`at < $${params.push(range.to)}`);
    if (range.articleId) conditions.push(`article_id = $${params.push(range.articleId)}`);
    if (afterSeq) conditions.push(`seq > $${params.push(afterSeq)}::bigint`);
    const rows: Array<{ seq: string; id: string; article_id: string | null; actor_id: string | null; actor_name: string; action: string; at: Date; before: Record<string, unknown> | null; after: Record<string, unknown> | null }> =
      await this.dataSource.query(
        `SELECT seq::text AS seq, id, article_id, actor_id, actor_name, action, at, before, after FROM editorial.audit_entry
          ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''} ORDER BY seq LIMIT $${params.push(limit)}`,
        params,
      );
    return rows.map((row) => ({
      seq: row.seq,
      id: row.id,
      articleId: row.article_id,
      actorId: row.actor_id,
      actorName: row.actor_name,
      action: row.action,
      at: row.at.toISOString(),
      before: row.before,
      after: row.after,
    }));
  }

  /** The actions `actor` may take on the article now (the server checks them again on each request). */
  async actionsFor(articleId: string, actor: Actor): Promise<WorkflowAction[]> {
    const article = await this.dataSource.manager.findOne(Article, { where: { id: articleId } });
    if (!article) throw new NotFoundException(`No article ${articleId}.`);
    return allowedActions(await workflowSubject(this.dataSource.manager, article), actor, { fourEyes: this.config.EDITORIAL_FOUR_EYES });
  }

  /** How many articles are in each state, and under `mine` how many are assigned to `userId`: the inbox's tabs. */
  async counts(userId: string): Promise<Record<string, number>> {
    const rows: Array<{ state: string; n: string; mine: string }> = await this.dataSource.query(
      `SELECT state, count(*) AS n, count(*) FILTER (WHERE assignee_id = $1) AS mine FROM editorial.article GROUP BY state`,
      [userId],
    );
    const counts: Record<string, number> = Object.fromEntries(rows.map((row) => [row.state, Number(row.n)]));
    counts.mine = rows.reduce((sum, row) => sum + Number(row.mine), 0);
    return counts;
  }
}
