import { ConflictException, NotFoundException } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { createEvent } from '@newsroom/contracts';
import { currentCorrelation, Outbox } from '@newsroom/messaging';
import type { DataSource } from 'typeorm';
import { approveDraft, ArticleNotDraftError } from '../article';
import { articleDetail, type ArticleDetail } from '../article-views';
import { Article } from '../article.entity';
import { ApproveArticleCommand } from './approve-article.command';

/**
 * Locks the article row, approves the draft and writes `editorial.article.approved` into the outbox, in one
 * transaction: two editors clicking at once get one approval and one 409, and one event.
 */
@CommandHandler(ApproveArticleCommand)
export class ApproveArticleHandler implements ICommandHandler<ApproveArticleCommand> {
  constructor(
    @InjectDataSource('editorial') private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  async execute({ articleId, actor, publishAt }: ApproveArticleCommand): Promise<ArticleDetail> {
    return this.dataSource.transaction(async (tx) => {
      const article = await tx.findOne(Article, { where: { id: articleId }, lock: { mode: 'pessimistic_write' } });
      if (!article) throw new NotFoundException(`No article ${articleId}.`);
      const previousVersion = article.version;
      let data;
      try {
        data = approveDraft(article, { actor, publishAt, now: new Date() });
      } catch (error) {
        if (error instanceof ArticleNotDraftError) throw new ConflictException(error.message);
        throw error;
      }
      const { state, approvedBy, approvedAt, publishAt: notBefore, publishedOn, version, updatedAt } = article;
      const update = await tx.update(Article, { id: articleId, version: previousVersion }, { state, approvedBy, approvedAt, publishAt: notBefore, publishedOn, version, updatedAt });
      if (update.affected !== 1) throw new ConflictException(`Article ${articleId} changed meanwhile: reload it and try again.`);
      const cause = currentCorrelation();
      await this.outbox.add(
        tx,
        createEvent('editorial.article.approved', data, { aggregateId: articleId, correlationId: cause?.correlationId, causationId: cause?.causationId }),
      );
      return articleDetail(article);
    });
  }
}
