import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, Authenticated, CurrentActor, parseInput } from '@newsroom/platform';
import type { Response } from 'express';
import { z } from 'zod';
import { articleIdParams } from '../articles/article-id';
import type { DecisionRoute } from '../articles/workflow';
import { GetArticleQuery } from '../articles/get-article/get-article.query';
import { CommentArticleCommand } from './comment-article/comment-article.command';
import { EditArticleCommand } from './edit-article/edit-article.command';
import { ReviewArticleCommand, type ReviewDecision } from './review-article/review-article.command';
import { ReviewReadModel } from './review-read-model';

const csrf = { _csrf: z.string().optional() };
const expectedVersion = z.number().int().positive().optional();
const publishAt = z.iso.datetime({ offset: true, error: 'expected an ISO 8601 date and time with its offset, e.g. 2026-03-01T09:00:00+01:00' }).nullable().optional();
const reason = z.string().trim().min(1, 'a reason is required').max(2000);
const oneLine = (max: number) => z.string().trim().min(1).max(max).regex(/^[^\r\n]*$/, 'one line');

export const editBody = z
  .object({
    expectedVersion: z.number().int().positive(),
    title: oneLine(500),
    section: z.string().trim().min(1).max(200).nullable(),
    tags: z.array(oneLine(100)).max(50).default([]),
    paragraphs: z.array(z.string().trim().min(1).max(20_000)).min(1, 'at least one paragraph').max(500),
    correctionNote: z.string().trim().max(2000).nullable().optional(),
    ...csrf,
  })
  .strict();

const bodies = {
  submit: z.object({ expectedVersion, ...csrf }).strict(),
  'request-changes': z.object({ expectedVersion, reason, ...csrf }).strict(),
  approve: z.object({ expectedVersion, publishAt, correctionNote: z.string().trim().max(2000).nullable().optional(), ...csrf }).strict(),
  reject: z.object({ expectedVersion, reason, ...csrf }).strict(),
  reschedule: z.object({ expectedVersion, publishAt: publishAt.transform((v) => v ?? null), ...csrf }).strict(),
  withdraw: z.object({ expectedVersion, reason, ...csrf }).strict(),
  reopen: z.object({ expectedVersion, ...csrf }).strict(),
  assign: z.object({ expectedVersion, assigneeId: z.guid({ error: 'expected a user id (uuid)' }).nullable(), ...csrf }).strict(),
} satisfies Record<DecisionRoute, z.ZodType>;
const commentBody = z.object({ body: z.string().trim().min(1, 'the comment is empty').max(5000), ...csrf }).strict();
const diffQuery = z.object({ from: z.coerce.number().int().positive().default(1), to: z.coerce.number().int().positive().optional() }).strict();
const revisionParams = z.object({ id: z.guid(), number: z.coerce.number().int().positive() }).strict();
const auditQuery = z
  .object({
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    articleId: z.guid().optional(),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .strict();

type ActionName = DecisionRoute;

function decisionOf(action: ActionName, body: Record<string, unknown>): ReviewDecision {
  switch (action) {
    case 'submit':
      return { action: 'submit' };
    case 'request-changes':
      return { action: 'request_changes', reason: body.reason as string };
    case 'approve':
      return { action: 'approve', publishAt: body.publishAt ? new Date(body.publishAt as string) : null, correctionNote: (body.correctionNote as string | null | undefined) ?? null };
    case 'reject':
      return { action: 'reject', reason: body.reason as string };
    case 'reschedule':
      return { action: 'reschedule', publishAt: body.publishAt ? new Date(body.publishAt as string) : null };
    case 'withdraw':
      return { action: 'withdraw', reason: body.reason as string };
    case 'reopen':
      return { action: 'reopen' };
    case 'assign':
      return { action: 'assign', assigneeId: body.assigneeId as string | null };
  }
}

const AUDIT_PAGE = 1000;

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  // A cell starting with = + - @ would be a formula in a spreadsheet: prefix it.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The review workflow over HTTP: edit (a new revision), each decision, comments, revisions and their
 * differences, the history of one article and the audit export. Roles and states are checked by the handlers.
 */
@ApiTags('editorial')
@Controller('api/editorial')
export class ReviewController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly reads: ReviewReadModel,
  ) {}

  @Put('articles/:id')
  @Authenticated('contributor')
  @ApiOperation({ summary: 'Save a new revision of the text (expectedVersion: the version you edited; 409 with the current article if it changed)' })
  async edit(@Param() params: unknown, @Body() body: unknown, @CurrentActor() actor: Actor) {
    const { id } = parseInput(articleIdParams, params, 'article id', 'en');
    const { expectedVersion: version, title, section, tags, paragraphs, correctionNote } = parseInput(editBody, body, 'body', 'en');
    return this.commands.execute(new EditArticleCommand(id, actor, { title, section, tags, paragraphs, correctionNote }, version));
  }

  @Get('articles/:id/actions')
  @Authenticated('contributor')
  @ApiOperation({ summary: 'The workflow actions you may take on the article now' })
  async actions(@Param() params: unknown, @CurrentActor() actor: Actor) {
    const { id } = parseInput(articleIdParams, params, 'article id', 'en');
    return { actions: await this.reads.actionsFor(id, actor) };
  }

  @Post('articles/:id/comments')
  @Authenticated('contributor')
  @ApiOperation({ summary: 'Comment on an article (for the editors, never published)' })
  async comment(@Param() params: unknown, @Body() body: unknown, @CurrentActor() actor: Actor) {
    const { id } = parseInput(articleIdParams, params, 'article id', 'en');
    const { body: text } = parseInput(commentBody, body, 'body', 'en');
    return this.commands.execute(new CommentArticleCommand(id, actor, text));
  }

  @Get('articles/:id/comments')
  @Authenticated('contributor')
  async comments(@Param() params: unknown) {
    const { id } = parseInput(articleIdParams, params, 'article id', 'en');
    return { comments: await this.reads.comments(id) };
  }

  @Get('articles/:id/revisions')
  @Authenticated('contributor')
  @ApiOperation({ summary: 'Every saved revision, newest first (1 is the text as received)' })
  async revisions(@Param() params: unknown) {
    const { id } = parseInput(articleIdParams, params, 'article id', 'en');
    return { revisions: await this.reads.revisions(id) };
  }

  @Get('articles/:id/revisions/:number')
  @Authenticated('contributor')
  async revision(@Param() params: unknown) {
    const { id, number } = parseInput(revisionParams, params, 'route', 'en');
    return this.reads.revision(id, number);
  }

  @Get('articles/:id/diff')
  @Authenticated('contributor')
  @ApiOperation({ summary: 'Difference between two revisions: ?from= (default 1, the text as received) &to= (default the latest)' })
  async diff(@Param() params: unknown, @Query() query: unknown) {
    const { id } = parseInput(articleIdParams, params, 'article id', 'en');
    const { from, to } = parseInput(diffQuery, query, 'query', 'en');
    const latest = to ?? (await this.queries.execute(new GetArticleQuery(id)))?.currentRevision ?? 1;
    return this.reads.diff(id, from, latest);
  }

  @Get('articles/:id/history')
  @Authenticated('contributor')
  @ApiOperation({ summary: 'Every action on the article: actor, time, before and after' })
  async history(@Param() params: unknown) {
    const { id } = parseInput(articleIdParams, params, 'article id', 'en');
    return { history: await this.reads.history(id) };
  }

  @Get('audit')
  @Authenticated('editor')
  @ApiOperation({ summary: 'The audit trail in the order it was written: ?from=&to= (ISO instants), ?articleId=, ?format=json|csv (a download)' })
  async audit(@Query() query: unknown, @Res() response: Response): Promise<void> {
    const { from, to, articleId, format } = parseInput(auditQuery, query, 'query', 'en');
    const range = { from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined, articleId };
    const stamp = new Date().toISOString().slice(0, 10);
    response.setHeader('Content-Disposition', `attachment; filename="audit-${stamp}.${format}"`);
    response.setHeader('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
    response.write(format === 'csv' ? 'at,action,actor_name,actor_id,article_id,before,after\r\n' : '[');
    // Page by page in the order written: the export never holds the whole trail in memory.
    let first = true;
    let cursor: string | undefined;
    for (;;) {
      const page = await this.reads.audit(range, AUDIT_PAGE, cursor);
      for (const entry of page) {
        if (format === 'csv') {
          response.write(`${[entry.at, entry.action, entry.actorName, entry.actorId, entry.articleId, entry.before, entry.after].map(csvCell).join(',')}\r\n`);
        } else {
          const { seq: _seq, ...view } = entry;
          response.write(`${first ? '' : ','}\n${JSON.stringify(view)}`);
        }
        first = false;
      }
      if (page.length < AUDIT_PAGE) break;
      cursor = page[page.length - 1].seq;
    }
    response.end(format === 'csv' ? '' : '\n]\n');
  }

  // Last: the other POST routes under articles/:id/ must match first.
  @Post('articles/:id/:action')
  @HttpCode(200)
  @Authenticated('contributor')
  @ApiOperation({ summary: 'A workflow decision: submit, request-changes (reason), approve (publishAt, correctionNote), reject (reason), reschedule (publishAt), withdraw (reason), reopen, assign (assigneeId)' })
  async decide(@Param() params: unknown, @Body() body: unknown, @CurrentActor() actor: Actor) {
    const { id, action } = parseInput(articleIdParams.extend({ action: z.enum(Object.keys(bodies) as [ActionName, ...ActionName[]]) }), params, 'route', 'en');
    const parsed = parseInput(bodies[action] as z.ZodType<Record<string, unknown>>, body ?? {}, 'body', 'en');
    return this.commands.execute(new ReviewArticleCommand(id, actor, decisionOf(action, parsed), parsed.expectedVersion as number | undefined));
  }
}
