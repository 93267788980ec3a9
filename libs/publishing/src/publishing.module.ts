import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { MessagingModule } from '@newsroom/messaging';
import { DatabaseModule } from '@newsroom/platform';
import { Article } from './articles/article.entity';
import { HomeController } from './articles/home/home.controller';
import { PrintArticleController } from './articles/print-article/print-article.controller';
import { ArticleApprovedConsumer } from './articles/publish-article/article-approved.consumer';
import { ArticlePublisher } from './articles/publish-article/article-publisher';
import { ScheduledPublisher } from './articles/publish-article/scheduled-publisher';
import { FindPublishedArticleHandler, LatestArticlesHandler } from './articles/published-article.handler';
import { ArticlePageController } from './articles/read-article/article-page.controller';
import { GetArticlePageHandler } from './articles/read-article/get-article-page.handler';
import { PUBLISHING_MIGRATIONS } from './publishing.migrations';
import { RequestShareHandler } from './sharing/share-article/request-share.handler';
import { ShareArticleController } from './sharing/share-article/share-article.controller';
import { ShareLimits } from './sharing/share-article/share-limits';
import { ShareRequest } from './sharing/share-request.entity';

/**
 * The publishing service: the public site. Imported by apps/publishing and by the standalone host.
 *
 * - articles/publish-article: `editorial.article.approved` → the article kept, its page rendered once and
 *   `publishing.article.published` — at once, or by the ScheduledPublisher when its time comes
 * - articles/read-article, print-article, home: GET /articles/:slug, /articles/:slug/print, /
 * - sharing/share-article: GET and POST /articles/:slug/share → `publishing.share.requested`
 */
@Module({
  imports: [
    CqrsModule.forRoot(),
    DatabaseModule.forService('publishing', { entities: [Article, ShareRequest], migrations: PUBLISHING_MIGRATIONS }),
    MessagingModule.forService({ service: 'publishing', consumers: [ArticleApprovedConsumer] }),
  ],
  controllers: [HomeController, ArticlePageController, PrintArticleController, ShareArticleController],
  providers: [
    // articles
    ArticleApprovedConsumer,
    ArticlePublisher,
    ScheduledPublisher,
    GetArticlePageHandler,
    FindPublishedArticleHandler,
    LatestArticlesHandler,
    // sharing
    RequestShareHandler,
    ShareLimits,
  ],
})
export class PublishingModule {}
