import { BadRequestException, Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, Clock, type BaseConfig } from '@newsroom/platform';
import type { DataSource } from 'typeorm';
import { articleDetail, type ArticleDetail } from '../../articles/article-views';
import { nextState } from '../../articles/workflow';
import { SiteSections } from '../../site/site-sections';
import { actorName, auditSnapshot, ensureAllowed, enterState, lockArticle, saveWithAudit } from '../article-record';
import { ArticleRevision } from '../review.entities';
import { EditArticleCommand } from './edit-article.command';

/**
 * A save: a new revision row, the article's text replaced, one audit entry, in one transaction. A stale
 * `expectedVersion` is a 409 carrying the current article, so the second editor sees what changed instead
 * of overwriting it. Editing a public article opens its correction (state draft; the page stays as it was).
 */
@CommandHandler(EditArticleCommand)
export class EditArticleHandler implements ICommandHandler<EditArticleCommand> {
  constructor(
    @InjectDataSource('editorial') private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly sections: SiteSections,
    @Inject(APP_CONFIG) private readonly config: BaseConfig,
  ) {}

  async execute({ articleId, actor, text, expectedVersion }: EditArticleCommand): Promise<ArticleDetail> {
    return this.dataSource.transaction(async (tx) => {
      const article = await lockArticle(tx, articleId, expectedVersion);
      await ensureAllowed(tx, article, 'edit', actor, { fourEyes: this.config.EDITORIAL_FOUR_EYES });
      if (text.section !== null && !(await this.sections.names(tx)).includes(text.section)) {
        throw new BadRequestException(`Section: « ${text.section} » is not one of the site's sections.`);
      }
      const before = auditSnapshot(article);
      const now = this.clock.now();
      enterState(article, nextState('edit', article.state), now);
      article.title = text.title;
      article.titleGenerated = false;
      article.section = text.section;
      article.tags = text.tags;
      article.paragraphs = text.paragraphs;
      if (text.correctionNote !== undefined) article.correctionNote = text.correctionNote?.trim() || null;
      article.currentRevision += 1;
      await tx.insert(ArticleRevision, {
        articleId,
        number: article.currentRevision,
        title: text.title,
        section: text.section,
        tags: text.tags,
        paragraphs: text.paragraphs,
        authorId: actor.id,
        authorName: actorName(actor),
        createdAt: now,
      });
      await saveWithAudit(tx, article, before, 'edit', actor, now);
      return articleDetail(article);
    });
  }
}
