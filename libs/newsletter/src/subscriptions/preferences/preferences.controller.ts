import { Body, Controller, Get, Inject, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, type BaseConfig } from '@newsroom/platform';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { siteSections } from '../../articles/article-read-model';
import { sendHtml } from '../../http/html-response';
import { newsletterSiteOf, type NewsletterSite } from '../../newsletter-site';
import { Subscriber } from '../subscriber.entity';
import { SubscriptionLinks } from '../subscription-links';
import { eraseForm, preferencesForm, withToken } from './preferences-input';
import { erasedPage, invalidPreferencesLinkPage, preferencesPage } from './preferences-pages';
import { EraseSubscriberCommand, ExportSubscriberDataQuery, ResubscribeCommand, UpdatePreferencesCommand } from './preferences.commands';

/**
 * The preferences page of every email's "Gérer mes préférences" link (a signed token, no account): GET shows
 * the subscriber's state and choices and changes nothing; each form POSTs the token back.
 */
@ApiExcludeController()
@Controller('newsletter/preferences')
export class PreferencesController {
  private readonly site: NewsletterSite;

  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly links: SubscriptionLinks,
    @InjectDataSource('newsletter') private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: BaseConfig,
  ) {
    this.site = newsletterSiteOf(config);
  }

  @Get()
  async show(@Query() query: unknown, @Res() res: Response): Promise<void> {
    await this.render(res, withToken.safeParse(query).data?.token);
  }

  @Post()
  async update(@Body() body: unknown, @Res() res: Response): Promise<void> {
    const form = preferencesForm.safeParse(body ?? {});
    const token = withToken.safeParse(body ?? {}).data?.token;
    if (!form.success) return this.render(res, token, { error: 'Ces préférences ne sont pas valables : vérifiez le formulaire.' }, 400);
    const { frequency, sections, language } = form.data;
    const outcome = await this.commands.execute(new UpdatePreferencesCommand(form.data.token, { frequency, sections, language }));
    if (outcome === 'invalid-link') return sendHtml(res, 400, invalidPreferencesLinkPage(this.site));
    await this.render(res, form.data.token, { notice: 'Vos préférences sont enregistrées.' });
  }

  @Post('resubscribe')
  async resubscribe(@Body() body: unknown, @Res() res: Response): Promise<void> {
    const token = withToken.safeParse(body ?? {}).data?.token;
    const outcome = token ? await this.commands.execute(new ResubscribeCommand(token)) : 'invalid-link';
    if (outcome === 'invalid-link') return sendHtml(res, 400, invalidPreferencesLinkPage(this.site));
    await this.render(res, token, { notice: outcome === 'done' ? 'Vous êtes à nouveau abonné(e).' : undefined });
  }

  @Post('export')
  async export(@Body() body: unknown, @Res() res: Response): Promise<void> {
    const token = withToken.safeParse(body ?? {}).data?.token;
    const data = token ? await this.queries.execute(new ExportSubscriberDataQuery(token)) : null;
    if (!data) return sendHtml(res, 400, invalidPreferencesLinkPage(this.site));
    res
      .status(200)
      .set({ 'Cache-Control': 'no-store', 'Content-Disposition': 'attachment; filename="mes-donnees-newsletter.json"', 'X-Content-Type-Options': 'nosniff' })
      .type('application/json')
      .send(JSON.stringify(data, null, 2));
  }

  @Post('erase')
  async erase(@Body() body: unknown, @Res() res: Response): Promise<void> {
    const form = eraseForm.safeParse(body ?? {});
    const token = withToken.safeParse(body ?? {}).data?.token;
    if (!form.success) return this.render(res, token, { error: 'Cochez la case pour confirmer l’effacement.' }, 400);
    const outcome = await this.commands.execute(new EraseSubscriberCommand(form.data.token));
    if (outcome === 'invalid-link') return sendHtml(res, 400, invalidPreferencesLinkPage(this.site));
    sendHtml(res, 200, erasedPage(this.site));
  }

  private async render(res: Response, token: string | undefined, messages: { notice?: string; error?: string } = {}, status = 200): Promise<void> {
    const subject = this.links.readPreferencesToken(token);
    const subscriber = subject ? await this.dataSource.getRepository(Subscriber).findOne({ where: { id: subject.id } }) : null;
    if (!token || !subject || !subscriber || subscriber.email !== subject.email) return sendHtml(res, 400, invalidPreferencesLinkPage(this.site));
    sendHtml(
      res,
      status,
      preferencesPage(this.site, {
        token,
        unsubscribeToken: this.links.unsubscribeToken(subject),
        email: subscriber.email,
        status: subscriber.status,
        frequency: subscriber.frequency,
        sections: subscriber.sections,
        language: subscriber.language,
        siteSections: await siteSections(this.dataSource.manager),
        ...messages,
      }),
    );
  }
}
