import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { MessagingModule } from '@newsroom/messaging';
import { APP_CONFIG, DatabaseModule, HTTP_FAST_LANES, type BaseConfig } from '@newsroom/platform';
import { ArticleSlugs } from './articles/article-slugs';
import { Article } from './articles/article.entity';
import { ArticleCorrectedConsumer } from './articles/correct-article/article-corrected.consumer';
import { HomeController } from './articles/home/home.controller';
import { PrintArticleController } from './articles/print-article/print-article.controller';
import { ArticleApprovedConsumer } from './articles/publish-article/article-approved.consumer';
import { ArticlePublisher } from './articles/publish-article/article-publisher';
import { PublishDelays } from './articles/publish-article/publish-delays';
import { ScheduledPublisher } from './articles/publish-article/scheduled-publisher';
import { FindPublishedArticleHandler, ListArticlesHandler, SearchArticlesHandler } from './articles/published-article.handler';
import { ArticleFastLane } from './articles/read-article/article-fast-lane';
import { ArticlePageController } from './articles/read-article/article-page.controller';
import { StoredPages } from './articles/read-article/stored-pages';
import { ArticleRescheduledConsumer } from './articles/reschedule-article/article-rescheduled.consumer';
import { ArticleWithdrawnConsumer } from './articles/withdraw-article/article-withdrawn.consumer';
import { FeedsController } from './feeds/feeds.controller';
import { PUBLISHING_MIGRATIONS } from './publishing.migrations';
import { SearchController } from './search/search.controller';
import { SectionsChangedConsumer } from './sections/change-sections/sections-changed.consumer';
import { SectionController } from './sections/read-section/section.controller';
import { SiteSections } from './sections/site-sections';
import { RequestShareHandler } from './sharing/share-article/request-share.handler';
import { ShareArticleController } from './sharing/share-article/share-article.controller';
import { SHARE_LIMITS, ShareLimits, shareLimitsFromConfig } from './sharing/share-article/share-limits';
import { ShareProtection } from './sharing/share-article/share-protection';
import { ShareRequest } from './sharing/share-request.entity';

/**
 * The publishing service: the public site. Imported by apps/publishing and by the standalone host.
 *
 * - articles/publish-article: `editorial.article.approved` → the article kept, its page rendered once and
 *   `publishing.article.published` — at once, or by the ScheduledPublisher when its time comes
 * - articles/reschedule-article, correct-article, withdraw-article: `editorial.article.rescheduled`,
 *   `.corrected` (→ `publishing.article.published`), `.withdrawn` (→ `publishing.article.withdrawn`)
 * - sections/change-sections: `editorial.site.sections-changed` → navigation and section pages
 * - articles/read-article (and its fast lane, ahead of Express), print-article, home; sections/read-section; search; feeds: the pages and feeds
 * - sharing/share-article: GET and POST /articles/:slug/share (honeypot, proof of work, limits counted in the
 *   database) → `publishing.share.requested`
 */
@Module({
  imports: [
    CqrsModule.forRoot(),
    DatabaseModule.forService('publishing', { entities: [Article, ShareRequest], migrations: PUBLISHING_MIGRATIONS }),
    MessagingModule.forService({
      service: 'publishing',
      consumers: [ArticleApprovedConsumer, ArticleRescheduledConsumer, ArticleCorrectedConsumer, ArticleWithdrawnConsumer, SectionsChangedConsumer],
    }),
  ],
  controllers: [HomeController, SectionController, SearchController, FeedsController, ArticlePageController, PrintArticleController, ShareArticleController],
  providers: [
    // articles
    ArticleApprovedConsumer,
    ArticleRescheduledConsumer,
    ArticleCorrectedConsumer,
    ArticleWithdrawnConsumer,
    ArticlePublisher,
    PublishDelays,
    ArticleSlugs,
    ScheduledPublisher,
    StoredPages,
    ArticleFastLane,
    // createHttpApp serves live article pages from StoredPages before Express
    { provide: HTTP_FAST_LANES, useExisting: ArticleFastLane },
    FindPublishedArticleHandler,
    ListArticlesHandler,
    SearchArticlesHandler,
    // sections
    SectionsChangedConsumer,
    SiteSections,
    // sharing
    RequestShareHandler,
    ShareLimits,
    ShareProtection,
    // the site's daily cap of suggestions (default 500)
    { provide: SHARE_LIMITS, inject: [APP_CONFIG], useFactory: (config: BaseConfig) => shareLimitsFromConfig(config) },
  ],
})
export class PublishingModule {}
