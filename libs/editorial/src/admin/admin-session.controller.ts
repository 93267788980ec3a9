import { Body, Controller, Inject, Post, Req, Res, UseFilters } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, Authenticated, type BaseConfig, clientAddress } from '@newsroom/platform';
import type { Request, Response } from 'express';
import { clearedSessionCookie, sessionCookie } from '../sessions/session-cookie';
import { credentials } from '../sessions/sign-in/credentials';
import { SignInCommand } from '../sessions/sign-in/sign-in.command';
import { AdminErrorFilter } from './admin-error.filter';
import { safeNext, sendPage } from './admin-http';
import { M } from './admin-messages';
import { loginPage } from './admin-pages';

/** The admin's sign-in form posts here (same command, same throttle as the API); signing out clears the cookie. */
@ApiExcludeController()
@UseFilters(AdminErrorFilter)
@Controller('admin')
export class AdminSessionController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(APP_CONFIG) private readonly config: BaseConfig,
  ) {}

  @Post('login')
  async login(@Body() body: Record<string, unknown> | undefined, @Req() request: Request, @Res() response: Response): Promise<void> {
    const siteName = this.config.SITE_NAME;
    const next = safeNext(body?.next);
    const typed = typeof body?.email === 'string' ? body.email.slice(0, 254) : '';
    const parsed = credentials.safeParse(body ?? {});
    if (!parsed.success) {
      return sendPage(response, 400, loginPage({ siteName, email: typed, next, error: M.login.invalid }));
    }
    const result = await this.commands.execute(new SignInCommand(parsed.data.email, parsed.data.password, clientAddress(request)));
    if (result.outcome === 'throttled') {
      response.setHeader('Retry-After', String(result.retryAfterSeconds));
      const error = M.login.throttled(Math.ceil(result.retryAfterSeconds / 60));
      return sendPage(response, 429, loginPage({ siteName, email: typed, next, error }));
    }
    if (result.outcome === 'rejected') {
      return sendPage(response, 401, loginPage({ siteName, email: typed, next, error: M.login.rejected }));
    }
    response.setHeader('Set-Cookie', sessionCookie(result.session.token, this.config.PUBLIC_URL));
    response.redirect(303, next ?? '/admin');
  }

  @Post('logout')
  @Authenticated()
  logout(@Res() response: Response): void {
    response.setHeader('Set-Cookie', clearedSessionCookie(this.config.PUBLIC_URL));
    response.redirect(303, '/admin');
  }
}
