import { Body, Controller, Get, HttpCode, HttpException, HttpStatus, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBody, ApiExcludeEndpoint, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { APP_CONFIG, type BaseConfig, clientAddress, parseInput } from '@newsroom/platform';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { sendHtml } from '../../http/html-response';
import { newsletterSiteOf, PATHS, type NewsletterSite } from '../../newsletter-site';
import { pendingPage, subscribeFormPage, tooManyRequestsPage } from '../subscription-pages';
import { emailAddress, subscribeForm, subscribeRequest } from './subscribe-input';
import { SubscribeLimits, type LimitDecision } from './subscribe-limits';
import { SubscribeProtection } from './subscribe-protection';
import { SubscribeCommand } from './subscribe.command';

const pageQuery = z.object({ attente: z.string().max(10).optional() });

/** Subscribing: the site's form (HTML, 303 to a "check your inbox" page) and the JSON API (202). */
@ApiTags('newsletter')
@Controller()
export class SubscribeController {
  private readonly site: NewsletterSite;

  constructor(
    private readonly commands: CommandBus,
    private readonly limits: SubscribeLimits,
    private readonly protection: SubscribeProtection,
    @Inject(APP_CONFIG) config: BaseConfig,
  ) {
    this.site = newsletterSiteOf(config);
  }

  @Get('newsletter/subscribe')
  @ApiExcludeEndpoint()
  page(@Query() query: unknown, @Res() res: Response): void {
    const pending = pageQuery.safeParse(query).data?.attente === '1';
    sendHtml(res, 200, pending ? pendingPage(this.site) : subscribeFormPage(this.site, { proofOfWork: this.protection.challenge() }));
  }

  @Get('api/newsletter/challenge')
  @ApiOperation({
    summary:
      'A proof-of-work challenge for POST /api/newsletter/subscriptions: find a decimal `solution` such that SHA-256(`<challenge>:<solution>`) starts with `difficulty` zero bits. Optional; without it the request takes stricter limits.',
  })
  apiChallenge(): { challenge: string; difficulty: number } {
    return this.protection.challenge();
  }

  @Post('newsletter/subscribe')
  @ApiExcludeEndpoint()
  async subscribeFromForm(@Body() body: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const ip = clientAddress(req);
    const tooMany = (limit: LimitDecision) => sendHtml(res, 429, tooManyRequestsPage(this.site, limit.retryAfterSeconds), { 'Retry-After': String(limit.retryAfterSeconds) });
    const perClient = this.limits.client(ip);
    if (!perClient.allowed) return tooMany(perClient);
    const form = subscribeForm.safeParse(body ?? {});
    // A filled honeypot is a bot: it gets the answer a person gets, and nothing is stored or sent.
    if (form.success && form.data.website?.trim()) return res.redirect(303, PATHS.pending);
    const email = emailAddress.safeParse(form.data?.email ?? '');
    if (!email.success) {
      const typed = form.data?.email?.slice(0, 254);
      const error = 'Cette adresse électronique n’est pas valide. Vérifiez-la et réessayez.';
      return sendHtml(res, 400, subscribeFormPage(this.site, { email: typed, error, proofOfWork: this.protection.challenge() }));
    }
    if (!this.protection.verified(form.data?.pow_challenge, form.data?.pow_solution)) {
      const slower = this.limits.unverified(ip);
      if (!slower.allowed) {
        return sendHtml(res, 429, tooManyRequestsPage(this.site, slower.retryAfterSeconds, true), { 'Retry-After': String(slower.retryAfterSeconds) });
      }
    }
    const perAddress = this.limits.address(email.data);
    if (!perAddress.allowed) return tooMany(perAddress);
    await this.commands.execute(new SubscribeCommand(email.data, 'site form', ip));
    res.redirect(303, PATHS.pending);
  }

  @Post('api/newsletter/subscriptions')
  @HttpCode(202)
  @ApiOperation({ summary: 'Ask for an address to receive the articles: a confirmation email goes out unless it is already subscribed (the answer is the same).' })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['email'],
      properties: {
        email: { type: 'string', format: 'email' },
        proofOfWork: { type: 'object', properties: { challenge: { type: 'string' }, solution: { type: 'string' } }, description: 'Optional, see GET /api/newsletter/challenge.' },
      },
    },
  })
  @ApiAcceptedResponse({ description: '{ "status": "pending" }, whatever the address’s state.' })
  @ApiTooManyRequestsResponse({ description: 'Too many requests from this client or for this address (Retry-After).' })
  async subscribe(@Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<{ status: 'pending' }> {
    const ip = clientAddress(req);
    this.enforce(this.limits.client(ip), res);
    const { email, proofOfWork } = parseInput(subscribeRequest, body, 'requête');
    if (!this.protection.verified(proofOfWork?.challenge, proofOfWork?.solution)) this.enforce(this.limits.unverified(ip), res);
    this.enforce(this.limits.address(email), res);
    await this.commands.execute(new SubscribeCommand(email, 'api', ip));
    return { status: 'pending' };
  }

  private enforce(limit: LimitDecision, res: Response): void {
    if (limit.allowed) return;
    res.setHeader('Retry-After', String(limit.retryAfterSeconds));
    throw new HttpException(
      { statusCode: HttpStatus.TOO_MANY_REQUESTS, message: `Trop de demandes : réessayez dans ${limit.retryAfterSeconds} s.` },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
