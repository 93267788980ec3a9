import { Body, Controller, Get, Inject, Post, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, type BaseConfig } from '@newsroom/platform';
import type { Response } from 'express';
import { z } from 'zod';
import { sendHtml } from '../../http/html-response';
import { newsletterSiteOf, type NewsletterSite } from '../../newsletter-site';
import { confirmButtonPage, confirmedPage, invalidLinkPage, notPendingPage } from '../subscription-pages';
import { SubscriptionLinks } from '../subscription-links';
import { ConfirmSubscriptionCommand } from './confirm-subscription.command';

const withToken = z.object({ token: z.string().min(1).max(4096) });

/**
 * The confirmation link opens a page with a button (GET changes nothing: mail scanners follow links);
 * the button POSTs the token.
 */
@ApiExcludeController()
@Controller('newsletter/confirm')
export class ConfirmSubscriptionController {
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
    if (!token || !this.links.readConfirmToken(token)) return sendHtml(res, 400, invalidLinkPage(this.site, 'confirm'));
    sendHtml(res, 200, confirmButtonPage(this.site, token));
  }

  @Post()
  async confirm(@Body() body: unknown, @Res() res: Response): Promise<void> {
    const token = withToken.safeParse(body ?? {}).data?.token;
    if (!token) return sendHtml(res, 400, invalidLinkPage(this.site, 'confirm'));
    const outcome = await this.commands.execute(new ConfirmSubscriptionCommand(token));
    switch (outcome) {
      case 'confirmed':
      case 'already-confirmed':
        return sendHtml(res, 200, confirmedPage(this.site));
      case 'not-pending':
        return sendHtml(res, 409, notPendingPage(this.site));
      case 'invalid-link':
        return sendHtml(res, 400, invalidLinkPage(this.site, 'confirm'));
    }
  }
}
