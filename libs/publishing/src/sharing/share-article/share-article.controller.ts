import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, type BaseConfig, clientAddress } from '@newsroom/platform';
import type { Request, Response } from 'express';
import { FindPublishedArticleQuery, type PublishedArticle } from '../../articles/published-article.query';
import { StoredPages } from '../../articles/read-article/stored-pages';
import { SiteSections } from '../../sections/site-sections';
import { sendHtml, sendNotFound, sendNotLive } from '../../site/html-response';
import { articlePath, isSlug, type Site, siteOf } from '@newsroom/site-theme';
import { RequestShareCommand } from './request-share.command';
import { parseShareForm } from './share-form';
import { issueShareFormToken } from './share-form-token';
import { renderShareForm, type ShareFormState, renderShareLimited, renderShareSent } from './share-pages';
import { ShareProtection } from './share-protection';

const NO_STORE = { 'Cache-Control': 'no-store' };

/**
 * GET and POST /articles/:slug/share — "Suggest To A Friend", for live articles only: never for one under
 * embargo or withdrawn (404 or 410; a POST for them is refused with 404 and nothing is sent).
 */
@ApiExcludeController()
@Controller('articles')
export class ShareArticleController {
  private readonly site: Site;

  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly pages: StoredPages,
    private readonly sections: SiteSections,
    private readonly protection: ShareProtection,
    @Inject(APP_CONFIG) private readonly config: BaseConfig,
  ) {
    this.site = siteOf(config);
  }

  @Get(':slug/share')
  async form(@Param('slug') slug: string, @Query('envoye') sent: unknown, @Res() res: Response): Promise<void> {
    const article = await this.live(slug);
    if (!article) return isSlug(slug) ? sendNotLive(res, this.site, await this.sections.current(), await this.pages.notLive(slug), '/share') : sendNotFound(res, this.site);
    const sections = await this.sections.current();
    if (sent === '1') return sendHtml(res, 200, renderShareSent(article, this.site, sections), NO_STORE);
    sendHtml(res, 200, renderShareForm(article, this.site, this.fresh(slug), sections), NO_STORE);
  }

  @Post(':slug/share')
  async submit(@Param('slug') slug: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const article = await this.live(slug);
    if (!article) return sendNotFound(res, this.site);
    const parsed = parseShareForm(body);
    // A bot filled the honeypot: it is told what a person would be, and nothing is sent.
    if (parsed.kind === 'bot') return res.redirect(303, sentPath(slug));
    if (parsed.kind === 'invalid') {
      const form = renderShareForm(article, this.site, { ...this.fresh(slug), values: parsed.values, errors: parsed.errors }, await this.sections.current());
      return sendHtml(res, 400, form, NO_STORE);
    }
    const result = await this.commands.execute(new RequestShareCommand(article, parsed.form, clientAddress(req)));
    switch (result.status) {
      case 'accepted':
        return res.redirect(303, sentPath(slug));
      case 'invalid-token':
        return sendHtml(res, 400, renderShareForm(article, this.site, { ...this.fresh(slug), values: parsed.values, tokenRejected: true }, await this.sections.current()), NO_STORE);
      case 'invalid-proof':
        return sendHtml(res, 400, renderShareForm(article, this.site, { ...this.fresh(slug), values: parsed.values, proofRejected: true }, await this.sections.current()), NO_STORE);
      case 'rate-limited':
        return sendHtml(res, 429, renderShareLimited(article, this.site, result.retryAfterSeconds, await this.sections.current()), {
          ...NO_STORE,
          'Retry-After': String(result.retryAfterSeconds),
        });
    }
  }

  private async live(slug: string): Promise<PublishedArticle | null> {
    return isSlug(slug) ? this.queries.execute(new FindPublishedArticleQuery(slug)) : null;
  }

  /** A new form token and proof-of-work challenge, for each form shown. */
  private fresh(slug: string): Pick<ShareFormState, 'token' | 'proofOfWork'> {
    return { token: issueShareFormToken(this.config.APP_SECRET, slug), proofOfWork: this.protection.challenge() };
  }
}

const sentPath = (slug: string) => `${articlePath(slug)}/share?envoye=1`;
