import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, Clock, type BaseConfig } from '@newsroom/platform';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { actorName, ensureAllowed, lockArticle } from '../article-record';
import { ArticleComment, AuditEntry } from '../review.entities';
import { commentView, type CommentView } from '../review-views';
import { CommentArticleCommand } from './comment-article.command';

/** A comment for the other editors, and its audit entry. The article's version does not change: a comment is not an edit. */
@CommandHandler(CommentArticleCommand)
export class CommentArticleHandler implements ICommandHandler<CommentArticleCommand> {
  constructor(
    @InjectDataSource('editorial') private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: BaseConfig,
  ) {}

  async execute({ articleId, actor, body }: CommentArticleCommand): Promise<CommentView> {
    return this.dataSource.transaction(async (tx) => {
      const article = await lockArticle(tx, articleId);
      await ensureAllowed(tx, article, 'comment', actor, { fourEyes: this.config.EDITORIAL_FOUR_EYES });
      const now = this.clock.now();
      const comment = Object.assign(new ArticleComment(), { id: randomUUID(), articleId, authorId: actor.id, authorName: actorName(actor), body, createdAt: now });
      await tx.insert(ArticleComment, comment);
      await tx.insert(AuditEntry, { id: randomUUID(), articleId, actorId: actor.id, actorName: actorName(actor), action: 'comment', at: now, before: null, after: { comment: body } });
      return commentView(comment);
    });
  }
}
