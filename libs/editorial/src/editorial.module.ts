import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { MessagingModule } from '@newsroom/messaging';
import { DatabaseModule, SESSION_ACCOUNTS } from '@newsroom/platform';
import { InitialAdministrator } from './accounts/initial-administrator';
import { UserAccount } from './accounts/user-account.entity';
import { UserAccounts } from './accounts/user-accounts';
import { UsersController } from './accounts/users.controller';
import { AdminArticlesController } from './admin/admin-articles.controller';
import { AdminErrorFilter } from './admin/admin-error.filter';
import { AdminSessionController } from './admin/admin-session.controller';
import { AdminSiteController } from './admin/admin-site.controller';
import { Article } from './articles/article.entity';
import { GetArticleController } from './articles/get-article/get-article.controller';
import { GetArticleHandler } from './articles/get-article/get-article.handler';
import { ListArticlesController } from './articles/list-articles/list-articles.controller';
import { ListArticlesHandler } from './articles/list-articles/list-articles.handler';
import { CommuniqueReceivedConsumer } from './articles/open-draft/communique-received.consumer';
import { EDITORIAL_MIGRATIONS } from './editorial.migrations';
import { LoginThrottle } from './sessions/sign-in/login-throttle';
import { SignInHandler } from './sessions/sign-in/sign-in.handler';
import { SessionController } from './sessions/session.controller';
import { CommentArticleHandler } from './review/comment-article/comment-article.handler';
import { EditArticleHandler } from './review/edit-article/edit-article.handler';
import { PublicationStatusConsumer } from './review/publication-status/publication-status.consumer';
import { ArticleComment, ArticleRevision, AuditEntry } from './review/review.entities';
import { ReviewArticleHandler } from './review/review-article/review-article.handler';
import { ReviewController } from './review/review.controller';
import { ReviewReadModel } from './review/review-read-model';
import { SectionsController } from './site/sections.controller';
import { SiteSections } from './site/site-sections';
import { Site } from './site/site.entity';

/**
 * The editorial service: its schema, its outbox and consumer group, and by feature what it does.
 * Imported by apps/editorial and by the standalone host.
 */
@Module({
  imports: [
    CqrsModule.forRoot(),
    DatabaseModule.forService('editorial', { entities: [UserAccount, Article, ArticleRevision, ArticleComment, AuditEntry, Site], migrations: EDITORIAL_MIGRATIONS }),
    MessagingModule.forService({ service: 'editorial', consumers: [CommuniqueReceivedConsumer, PublicationStatusConsumer] }),
  ],
  controllers: [
    // sessions: sign in, who am I, sign out
    SessionController,
    // articles: list, read
    ListArticlesController,
    GetArticleController,
    // review: edit, decisions, comments, revisions, differences, history, audit
    ReviewController,
    // site: sections
    SectionsController,
    // accounts: the administrators' user management
    UsersController,
    // admin: the same use cases as HTML pages
    AdminSessionController,
    AdminArticlesController,
    AdminSiteController,
  ],
  providers: [
    // accounts
    InitialAdministrator,
    UserAccounts,
    // Every signed-in request checks the account as it is now (role, deactivation), not as it was signed.
    { provide: SESSION_ACCOUNTS, useExisting: UserAccounts },
    // sessions
    SignInHandler,
    LoginThrottle,
    // articles
    CommuniqueReceivedConsumer,
    ListArticlesHandler,
    GetArticleHandler,
    // review
    EditArticleHandler,
    ReviewArticleHandler,
    CommentArticleHandler,
    ReviewReadModel,
    PublicationStatusConsumer,
    // site
    SiteSections,
    // admin
    AdminErrorFilter,
  ],
  exports: [InitialAdministrator],
})
export class EditorialModule {}
