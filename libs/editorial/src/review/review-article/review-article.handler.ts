import { BadRequestException, Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { createEvent, type AnyEvent, type EventMeta } from '@newsroom/contracts';
import { currentCorrelation, Outbox } from '@newsroom/messaging';
import { APP_CONFIG, Clock, type Actor, type BaseConfig } from '@newsroom/platform';
import type { DataSource, EntityManager } from 'typeorm';
import { parisDate } from '../../articles/article';
import { articleDetail, type ArticleDetail } from '../../articles/article-views';
import type { Article } from '../../articles/article.entity';
import { nextState } from '../../articles/workflow';
import { UserAccount } from '../../accounts/user-account.entity';
import { actorName, auditSnapshot, ensureAllowed, enterState, lockArticle, saveWithAudit } from '../article-record';
import { ReviewArticleCommand, type ReviewDecision } from './review-article.command';

/**
 * Every decision on an article, in one transaction: lock the row, check the role and the state on the
 * server (workflow.ts), change the state, write the audit entry, and for the decisions publishing must
 * know (approved, corrected, rescheduled, withdrawn) the event into the outbox.
 */
@CommandHandler(ReviewArticleCommand)
export class ReviewArticleHandler implements ICommandHandler<ReviewArticleCommand> {
  constructor(
    @InjectDataSource('editorial') private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: BaseConfig,
  ) {}

  async execute({ articleId, actor, decision, expectedVersion }: ReviewArticleCommand): Promise<ArticleDetail> {
    return this.dataSource.transaction(async (tx) => {
      const article = await lockArticle(tx, articleId, expectedVersion);
      await ensureAllowed(tx, article, decision.action, actor, { fourEyes: this.config.EDITORIAL_FOUR_EYES });
      const before = auditSnapshot(article);
      const now = this.clock.now();
      const cause = currentCorrelation();
      const meta: EventMeta = { aggregateId: articleId, correlationId: cause?.correlationId, causationId: cause?.causationId };
      const event = await this.apply(tx, article, decision, actor, now, meta);
      await saveWithAudit(tx, article, before, decision.action, actor, now);
      if (event) await this.outbox.add(tx, event);
      return articleDetail(article);
    });
  }

  /** Changes the article in memory; returns the event to publish, if any. */
  private async apply(tx: EntityManager, article: Article, decision: ReviewDecision, actor: Actor, now: Date, meta: EventMeta): Promise<AnyEvent | null> {
    enterState(article, nextState(decision.action, article.state), now);
    const by = actorName(actor);
    switch (decision.action) {
      case 'submit':
      case 'reopen':
        return null;
      case 'request_changes':
      case 'reject':
        article.stateReason = decision.reason;
        return null;
      case 'assign': {
        if (decision.assigneeId !== null) {
          const assignee = await tx.findOne(UserAccount, { where: { id: decision.assigneeId } });
          if (!assignee || assignee.role === 'contributor') throw new BadRequestException('Assignee: expected the id of an editor or administrator.');
        }
        article.assigneeId = decision.assigneeId;
        return null;
      }
      case 'reschedule':
        article.publishAt = decision.publishAt;
        return createEvent(
          'editorial.article.rescheduled',
          { articleId: article.id, revision: article.revision, publishAt: decision.publishAt?.toISOString() ?? null, rescheduledBy: by, rescheduledAt: now.toISOString() },
          meta,
        );
      case 'withdraw':
        article.stateReason = decision.reason;
        article.publishAt = null;
        return createEvent('editorial.article.withdrawn', { articleId: article.id, reason: decision.reason, withdrawnBy: by, withdrawnAt: now.toISOString() }, meta);
      case 'approve':
        return this.approve(article, decision, by, actor, now, meta);
    }
  }

  private approve(article: Article, decision: Extract<ReviewDecision, { action: 'approve' }>, by: string, actor: Actor, now: Date, meta: EventMeta): AnyEvent {
    const correction = article.isPublic;
    const note = decision.correctionNote?.trim() || article.correctionNote?.trim() || null;
    if (correction && !note) throw new BadRequestException('Correction of a published article: a correction note for readers is required (correctionNote).');
    if (correction && decision.publishAt) throw new BadRequestException('A correction of a published article is republished at once: publishAt must be empty.');
    article.approvedBy = actor.id;
    article.approvedAt = now;
    article.approvedRevision = article.currentRevision;
    article.publishAt = decision.publishAt;
    article.publishedOn ??= parisDate(now);
    article.revision = (article.publishedRevision ?? 0) + 1;
    const content = {
      articleId: article.id,
      communiqueId: article.communiqueId,
      revision: article.revision,
      title: article.title,
      publishedOn: article.publishedOn,
      section: article.section,
      language: article.language,
      paragraphs: article.paragraphs,
    };
    if (correction) {
      article.correctionNote = note;
      return createEvent('editorial.article.corrected', { ...content, correctionNote: note as string, correctedBy: by, correctedAt: now.toISOString() }, meta);
    }
    article.correctionNote = null;
    return createEvent('editorial.article.approved', { ...content, approvedBy: by, approvedAt: now.toISOString(), publishAt: decision.publishAt?.toISOString() ?? null }, meta);
  }
}
