import { Body, Controller, Get, HttpCode, Inject, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, Clock, html, renderPage, type BaseConfig } from '@newsroom/platform';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { sendHtml } from '../http/html-response';
import { newsletterSiteOf, PATHS, type NewsletterSite } from '../newsletter-site';
import { SubscriptionLinks } from '../subscriptions/subscription-links';

const withToken = z.object({ token: z.string().min(1).max(4096) });

/**
 * The friend's "no more suggestions" link: GET shows a button and changes nothing; POST (the button, or a mail
 * client's RFC 8058 one-click on List-Unsubscribe) puts the address's keyed hash on the suppression list with the
 * reason `no-suggestions`: no "Suggest To A Friend" email reaches it again (the sender checks every one).
 */
@ApiExcludeController()
@Controller('newsletter/no-suggestions')
export class NoSuggestionsController {
  private readonly site: NewsletterSite;

  constructor(
    private readonly links: SubscriptionLinks,
    @InjectDataSource('newsletter') private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: BaseConfig,
  ) {
    this.site = newsletterSiteOf(config);
  }

  @Get()
  show(@Query() query: unknown, @Res() res: Response): void {
    const token = withToken.safeParse(query).data?.token;
    if (!token || !this.links.readNoSuggestionsToken(token)) return sendHtml(res, 400, this.page('Ce lien n’est pas valable', html`<p class="notice">Ce lien est incomplet ou a expiré.</p>`));
    sendHtml(
      res,
      200,
      this.page(
        'Ne plus recevoir de suggestions',
        html`<p>Des lecteurs de ${this.site.name} peuvent vous suggérer un article par courriel. Vous pouvez refuser ces courriels pour toujours.</p>
<form class="stack" method="post" action="${PATHS.noSuggestions}">
<input type="hidden" name="token" value="${token}">
<button type="submit">Ne plus recevoir de suggestions</button>
</form>`,
      ),
    );
  }

  @Post()
  @HttpCode(200)
  async refuse(@Body() body: unknown, @Query() query: unknown, @Res() res: Response): Promise<void> {
    const token = withToken.safeParse(body ?? {}).data?.token ?? withToken.safeParse(query).data?.token;
    const hash = this.links.readNoSuggestionsToken(token);
    if (!hash) return sendHtml(res, 400, this.page('Ce lien n’est pas valable', html`<p class="notice">Ce lien est incomplet ou a expiré.</p>`));
    await this.dataSource.query(
      `INSERT INTO newsletter.suppression (address_hash, reason, detail, created_at) VALUES ($1, 'no-suggestions', 'the link of a suggestion email', $2)
       ON CONFLICT (address_hash) DO NOTHING`,
      [hash, this.clock.now()],
    );
    sendHtml(res, 200, this.page('C’est noté', html`<p class="notice">Vous ne recevrez plus de suggestions d’articles envoyées depuis ${this.site.name}.</p>`));
  }

  private page(title: string, body: ReturnType<typeof html>): string {
    return renderPage({ siteName: this.site.name, title, noindex: true, main: html`<h1>${title}</h1>${body}` });
  }
}
