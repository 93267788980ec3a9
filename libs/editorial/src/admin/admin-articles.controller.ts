import { Body, ConflictException, Controller, Get, HttpException, Inject, NotFoundException, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, Authenticated, Clock, csrfTokenFor, CurrentActor, type Actor, type BaseConfig } from '@newsroom/platform';
import { UserAccounts } from '../accounts/user-accounts';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { articleIdParams } from '../articles/article-id';
import type { ArticleDetail } from '../articles/article-views';
import { GetArticleQuery } from '../articles/get-article/get-article.query';
import { ListArticlesQuery } from '../articles/list-articles/list-articles.query';
import { ARTICLE_STATES, DECISION_ROUTES, type ArticleState } from '../articles/workflow';
import { CommentArticleCommand } from '../review/comment-article/comment-article.command';
import { EditArticleCommand } from '../review/edit-article/edit-article.command';
import { ReviewArticleCommand, type ReviewDecision } from '../review/review-article/review-article.command';
import { ReviewReadModel } from '../review/review-read-model';
import { editBody } from '../review/review.controller';
import { SiteSections } from '../site/site-sections';
import { AdminErrorFilter } from './admin-error.filter';
import { M } from './admin-messages';
import { cookieSession, safeNext, sendPage, sendPreview } from './admin-http';
import { previewPage, previewSite } from './article-preview';
import { articlePage, dashboardPage, loginPage } from './admin-pages';
import { paragraphsOf } from './admin-review-pages';
import { parisLocalToInstant } from './paris-time';

const PAGE_SIZE = 100;
const tabQuery = z.object({
  etat: z.enum([...ARTICLE_STATES, 'mine']).catch('draft'),
  q: z.string().trim().max(200).optional().catch(undefined),
  rubrique: z.string().trim().max(200).optional().catch(undefined),
  approuve: z.unknown().optional(),
});
const editForm = z.object({
  expectedVersion: z.coerce.number().int().positive(),
  title: z.string(),
  section: z.string(),
  tags: z.string().max(5000).default(''),
  body: z.string().max(1_000_000),
  correctionNote: z.string().max(2000).optional(),
  _csrf: z.string().optional(),
});
const decisionForm = z.object({
  expectedVersion: z.coerce.number().int().positive().optional(),
  reason: z.string().max(2000).optional(),
  publishAt: z.string().max(40).optional(),
  correctionNote: z.string().max(2000).optional(),
  _csrf: z.string().optional(),
});


type EditedText = { title: string; section: string | null; tags: string[]; paragraphs: string[]; correctionNote?: string | null };
type TypedDraft = { title: string; section: string | null; tags: string; body: string; correctionNote: string };

/** The editor form, through the API's own rules for a save, with a French message for the field that breaks them. */
function readEditForm(body: unknown): { draft: TypedDraft; text: EditedText; expectedVersion: number } | { draft?: TypedDraft; problem: string } {
  const form = editForm.safeParse(body);
  if (!form.success) return { problem: M.article.incomplete };
  const { expectedVersion, title, section, tags, body: text, correctionNote } = form.data;
  const draft = { title, section: section || null, tags, body: text, correctionNote: correctionNote ?? '' };
  const tagList = [...new Set(tags.split(',').map((t) => t.trim()).filter(Boolean))];
  const parsed = editBody.safeParse({ expectedVersion, title, section: draft.section, tags: tagList, paragraphs: paragraphsOf(text), correctionNote });
  if (!parsed.success) return { draft, problem: M.article.problems[String(parsed.error.issues[0]?.path[0])] ?? M.article.incorrect };
  const { title: cleanTitle, section: cleanSection, tags: cleanTags, paragraphs, correctionNote: note } = parsed.data;
  return { draft, expectedVersion, text: { title: cleanTitle, section: cleanSection, tags: cleanTags, paragraphs, correctionNote: note } };
}

/**
 * The admin's pages: the inbox by state with counts and search, one article with its editor, decisions,
 * difference with the text as received, comments and history. Signed out, a page shows the sign-in form;
 * every form goes through the same commands as the API (roles and states are checked there).
 */
@ApiExcludeController()
@UseFilters(AdminErrorFilter)
@Controller('admin')
export class AdminArticlesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly reads: ReviewReadModel,
    private readonly sections: SiteSections,
    private readonly clock: Clock,
    private readonly accounts: UserAccounts,
    @Inject(APP_CONFIG) private readonly config: BaseConfig,
  ) {}

  @Get()
  async dashboard(@Req() request: Request, @Res() response: Response, @Query() query: unknown): Promise<void> {
    const actor = await this.accounts.stillActive(cookieSession(this.config.APP_SECRET, request));
    if (!actor) return sendPage(response, 200, loginPage({ siteName: this.config.SITE_NAME }));
    const { etat: tab, q: search, rubrique: section, approuve } = tabQuery.parse(query ?? {});
    const filter = tab === 'mine' ? { assigneeId: actor.id } : { state: tab as ArticleState };
    const [articles, counts, site] = await Promise.all([
      this.queries.execute(new ListArticlesQuery({ ...filter, search: search || undefined, section: section || undefined, limit: PAGE_SIZE })),
      this.reads.counts(actor.id),
      this.sections.current(),
    ]);
    const justApproved = typeof approuve === 'string' ? await this.queries.execute(new GetArticleQuery(approuve)).catch(() => null) : null;
    // Approved for now is published within milliseconds where publishing runs in this process: both say it was approved.
    const notice = justApproved?.state === 'approved' || justApproved?.state === 'published' ? M.inbox.approved(justApproved.title) : undefined;
    const sections = site.sections;
    sendPage(response, 200, dashboardPage({ siteName: this.config.SITE_NAME, actor, csrfToken: this.csrf(actor), tab, articles, counts, search, section: section || undefined, sections, notice }));
  }

  @Get('articles/:id')
  async article(@Param() params: unknown, @Req() request: Request, @Res() response: Response): Promise<void> {
    const actor = await this.accounts.stillActive(cookieSession(this.config.APP_SECRET, request));
    if (!actor) return sendPage(response, 200, loginPage({ siteName: this.config.SITE_NAME, next: safeNext(request.path) }));
    await this.showArticle(response, 200, actor, this.idOf(params));
  }

  @Post('articles/:id/edit')
  @Authenticated('contributor')
  async edit(@Param() params: unknown, @Body() body: unknown, @CurrentActor() actor: Actor, @Res() response: Response): Promise<void> {
    const id = this.idOf(params);
    const form = readEditForm(body);
    if ('problem' in form) return this.showArticle(response, 400, actor, id, form.problem, form.draft);
    try {
      await this.commands.execute(new EditArticleCommand(id, actor, form.text, form.expectedVersion));
    } catch (error) {
      if (error instanceof ConflictException) {
        return this.showArticle(response, 409, actor, id, M.article.conflict, form.draft);
      }
      // The command's only 400 here: a section the site does not have (any more).
      if (error instanceof HttpException && error.getStatus() === 400) return this.showArticle(response, 400, actor, id, M.article.problems.section, form.draft);
      throw error;
    }
    response.redirect(303, `/admin/articles/${id}`);
  }

  /**
   * The page as the site would show what the editor typed, checked by the save's own rules: `?seul=1` (the
   * script, as the editor types) answers the public page alone; the "Prévisualiser" button, the whole admin
   * page with the form as typed. Nothing is saved.
   */
  @Post('articles/:id/preview')
  @Authenticated('contributor')
  async preview(@Param() params: unknown, @Body() body: unknown, @Query() query: unknown, @CurrentActor() actor: Actor, @Res() response: Response): Promise<void> {
    const id = this.idOf(params);
    const form = readEditForm(body);
    const alone = typeof (query as { seul?: unknown } | undefined)?.seul === 'string';
    if (alone) {
      const article: ArticleDetail | null = await this.queries.execute(new GetArticleQuery(id));
      if (!article) throw new NotFoundException();
      if ('problem' in form) return sendPreview(response, 400, form.problem);
      if (form.text.section !== null && !(await this.sections.names()).includes(form.text.section)) return sendPreview(response, 400, M.article.problems.section);
      return sendPreview(response, 200, await this.previewOf(article, form.text));
    }
    if ('problem' in form) return this.showArticle(response, 400, actor, id, form.problem, form.draft);
    await this.showArticle(response, 200, actor, id, undefined, form.draft, form.text);
  }

  @Post('articles/:id/comments')
  @Authenticated('contributor')
  async comment(@Param() params: unknown, @Body() body: unknown, @CurrentActor() actor: Actor, @Res() response: Response): Promise<void> {
    const id = this.idOf(params);
    const text = typeof (body as { body?: unknown })?.body === 'string' ? ((body as { body: string }).body.trim()) : '';
    if (!text || text.length > 5000) return this.showArticle(response, 400, actor, id, M.article.comment);
    await this.commands.execute(new CommentArticleCommand(id, actor, text));
    response.redirect(303, `/admin/articles/${id}#commentaires`);
  }

  @Post('articles/:id/:action')
  @Authenticated('contributor')
  async decide(@Param() params: unknown, @Body() body: unknown, @CurrentActor() actor: Actor, @Res() response: Response): Promise<void> {
    const id = this.idOf(params);
    const action = (params as { action?: string }).action;
    if (!action || !Object.prototype.hasOwnProperty.call(DECISION_ROUTES, action)) throw new NotFoundException();
    const form = decisionForm.safeParse(body ?? {});
    if (!form.success) throw new HttpException(M.article.incomplete, 400);
    const { expectedVersion, reason, publishAt, correctionNote } = form.data;
    const when = publishAt ? parisLocalToInstant(publishAt) : null;
    if (publishAt && !when) return this.showArticle(response, 400, actor, id, M.article.unreadableTime);
    const name = DECISION_ROUTES[action as keyof typeof DECISION_ROUTES];
    let decision: ReviewDecision;
    if (name === 'request_changes' || name === 'reject' || name === 'withdraw') {
      if (!reason?.trim()) return this.showArticle(response, 400, actor, id, M.article.reason);
      decision = { action: name, reason: reason.trim() };
    } else if (name === 'approve') {
      decision = { action: 'approve', publishAt: when, correctionNote: correctionNote?.trim() || null };
    } else if (name === 'reschedule') {
      decision = { action: 'reschedule', publishAt: when };
    } else if (name === 'submit' || name === 'reopen') {
      decision = { action: name };
    } else {
      throw new NotFoundException();
    }
    try {
      await this.commands.execute(new ReviewArticleCommand(id, actor, decision, expectedVersion));
    } catch (error) {
      if (error instanceof HttpException && [400, 403, 409].includes(error.getStatus())) {
        // The workflow's refusals (403, 409) are French; the command's 400s here are about corrections; the rest, a version conflict.
        const status = error.getStatus();
        const french = status === 400 ? M.article.correction : status === 403 || (error instanceof ConflictException && !/version|meanwhile/.test(error.message)) ? error.message : M.article.changedMeanwhile;
        return this.showArticle(response, status, actor, id, french);
      }
      throw error;
    }
    response.redirect(303, name === 'approve' ? `/admin?etat=approved&approuve=${encodeURIComponent(id)}` : `/admin/articles/${id}`);
  }

  private idOf(params: unknown): string {
    const id = articleIdParams.safeParse(params);
    if (!id.success) throw new NotFoundException();
    return id.data.id;
  }

  private async showArticle(response: Response, status: number, actor: Actor, id: string, notice?: string, draft?: Parameters<typeof articlePage>[0]['draft'], typed?: EditedText): Promise<void> {
    const article: ArticleDetail | null = await this.queries.execute(new GetArticleQuery(id));
    if (!article) throw new NotFoundException();
    const earlierId = article.nearDuplicateOf?.articleId;
    const [resembles, site, actions, diff, comments, history] = await Promise.all([
      earlierId ? this.queries.execute(new GetArticleQuery(earlierId)) : null,
      this.sections.current(),
      this.reads.actionsFor(id, actor),
      this.reads.diff(id, 1, article.currentRevision),
      this.reads.comments(id),
      this.reads.history(id),
    ]);
    sendPage(
      response,
      status,
      articlePage({
        siteName: this.config.SITE_NAME,
        actor,
        csrfToken: this.csrf(actor),
        article,
        resembles,
        sections: site.sections,
        actions,
        diff: { from: 1, to: article.currentRevision, diff: diff.diff },
        comments,
        history,
        notice,
        draft,
        preview: await this.previewOf(article, typed),
      }),
    );
  }

  /** The public page of the article as it is, or as typed: the site's sections as editorial knows them. */
  private async previewOf(article: ArticleDetail, typed?: EditedText): Promise<string> {
    const text = typed ?? { title: article.title, section: article.section, paragraphs: article.paragraphs, correctionNote: article.correctionNote };
    const site = await this.sections.current();
    return previewPage({ ...text, language: article.language, publishedOn: article.publishedOn, revision: article.currentRevision + 1 }, previewSite(this.config), site.sections, this.clock.now());
  }

  private csrf(actor: Actor): string {
    return csrfTokenFor(this.config.APP_SECRET, actor.sid);
  }
}
