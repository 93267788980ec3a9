import { Controller, Get, Inject, NotFoundException, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, Authenticated, csrfTokenFor, CurrentActor, type Actor, type BaseConfig } from '@newsroom/platform';
import type { Request, Response } from 'express';
import { ReviewArticleCommand } from '../review/review-article/review-article.command';
import { articleIdParams } from '../articles/article-id';
import { GetArticleQuery } from '../articles/get-article/get-article.query';
import { ListArticlesQuery } from '../articles/list-articles/list-articles.query';
import { AdminErrorFilter } from './admin-error.filter';
import { cookieSession, safeNext, sendPage } from './admin-http';
import { articlePage, dashboardPage, loginPage } from './admin-pages';

const RECENTLY_APPROVED = 20;
const DRAFTS = 200;

/**
 * The admin's pages: the drafts to review and the recently approved, one draft's text, and its approval.
 * Signed out, a page shows the sign-in form; the approval goes through the same command as the API.
 */
@ApiExcludeController()
@UseFilters(AdminErrorFilter)
@Controller('admin')
export class AdminArticlesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(APP_CONFIG) private readonly config: BaseConfig,
  ) {}

  @Get()
  async dashboard(@Req() request: Request, @Res() response: Response, @Query('approuve') approvedId?: unknown): Promise<void> {
    const actor = cookieSession(this.config.APP_SECRET, request);
    if (!actor) return sendPage(response, 200, loginPage({ siteName: this.config.SITE_NAME }));
    const [drafts, approved] = await Promise.all([
      this.queries.execute(new ListArticlesQuery({ state: 'draft', limit: DRAFTS })),
      this.queries.execute(new ListArticlesQuery({ state: 'approved', limit: RECENTLY_APPROVED })),
    ]);
    const justApproved = approved.find((article) => article.id === approvedId);
    const notice = justApproved ? `« ${justApproved.title} » est approuvé : il part à la publication.` : undefined;
    sendPage(response, 200, dashboardPage({ siteName: this.config.SITE_NAME, actor, csrfToken: this.csrf(actor), drafts, approved, notice }));
  }

  @Get('articles/:id')
  async article(@Param() params: unknown, @Req() request: Request, @Res() response: Response): Promise<void> {
    const actor = cookieSession(this.config.APP_SECRET, request);
    if (!actor) return sendPage(response, 200, loginPage({ siteName: this.config.SITE_NAME, next: safeNext(request.path) }));
    const id = articleIdParams.safeParse(params);
    const article = id.success ? await this.queries.execute(new GetArticleQuery(id.data.id)) : null;
    if (!article) throw new NotFoundException();
    const earlierId = article.nearDuplicateOf?.articleId;
    const resembles = earlierId ? await this.queries.execute(new GetArticleQuery(earlierId)) : null;
    sendPage(response, 200, articlePage({ siteName: this.config.SITE_NAME, actor, csrfToken: this.csrf(actor), article, resembles }));
  }

  @Post('articles/:id/approve')
  @Authenticated('editor')
  async approve(@Param() params: unknown, @CurrentActor() actor: Actor, @Res() response: Response): Promise<void> {
    const id = articleIdParams.safeParse(params);
    if (!id.success) throw new NotFoundException();
    await this.commands.execute(new ReviewArticleCommand(id.data.id, actor, { action: 'approve', publishAt: null }));
    response.redirect(303, `/admin?approuve=${encodeURIComponent(id.data.id)}`);
  }

  private csrf(actor: Actor): string {
    return csrfTokenFor(this.config.APP_SECRET, actor.sid);
  }
}
