import { Body, Controller, Get, HttpCode, Inject, Post, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, type BaseConfig } from '@newsroom/platform';
import type { Response } from 'express';
import { z } from 'zod';
import { sendHtml } from '../../http/html-response';
import { newsletterSiteOf, type NewsletterSite } from '../../newsletter-site';
import { invalidLinkPage, unsubscribeButtonPage, unsubscribedPage } from '../subscription-pages';
import { SubscriptionLinks } from '../subscription-links';
import { UnsubscribeCommand } from './unsubscribe.command';

const withToken = z.object({ token: z.string().min(1).max(4096) });

/**
 * The unsubscribe link: GET shows a button, POST unsubscribes. The POST is also RFC 8058's one-click
 * unsubscribe, which mail clients send to the List-Unsubscribe address itself (token in the query, body
 * `List-Unsubscribe=One-Click`, form-encoded or multipart); so the token is read from the body or the query.
 */
@ApiExcludeController()
@Controller('newsletter/unsubscribe')
export class UnsubscribeController {
  private readonly site: NewsletterSite;

  constructor(
    private readonly commands: CommandBus,
    private readonly links: SubscriptionLinks,
    @Inject(APP_CONFIG) config: BaseConfig,
  ) {
    this.site = newsletterSiteOf(config);
  }

  @Get()
  show(@Query() query: unknown, @Res() res: Response): void {
    const token = withToken.safeParse(query).data?.token;
    if (!token || !this.links.readUnsubscribeToken(token)) return sendHtml(res, 400, invalidLinkPage(this.site, 'unsubscribe'));
    sendHtml(res, 200, unsubscribeButtonPage(this.site, token));
  }

  @Post()
  @HttpCode(200)
  async unsubscribe(@Body() body: unknown, @Query() query: unknown, @Res() res: Response): Promise<void> {
    const token = withToken.safeParse(body ?? {}).data?.token ?? withToken.safeParse(query).data?.token;
    const outcome = token ? await this.commands.execute(new UnsubscribeCommand(token)) : 'invalid-link';
    if (outcome === 'invalid-link') return sendHtml(res, 400, invalidLinkPage(this.site, 'unsubscribe'));
    sendHtml(res, 200, unsubscribedPage(this.site));
  }
}
