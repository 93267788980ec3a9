import { Catch, HttpException, Inject, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { APP_CONFIG, type BaseConfig } from '@newsroom/platform';
import type { Request, Response } from 'express';
import { clearedSessionCookie } from '../sessions/session-cookie';
import { M } from './admin-messages';
import { errorPage, loginPage } from './admin-pages';
import { safeNext, sendPage } from './admin-http';


/**
 * The admin answers in HTML: the platform guard's 401 becomes the sign-in form (the session expired or
 * never was), and every other error a French page with its status, instead of Nest's JSON.
 */
@Catch()
export class AdminErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Admin');

  constructor(@Inject(APP_CONFIG) private readonly config: BaseConfig) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const status = exception instanceof HttpException ? exception.getStatus() : 500;
    const siteName = this.config.SITE_NAME;
    if (status === 401) {
      response.setHeader('Set-Cookie', clearedSessionCookie(this.config.PUBLIC_URL));
      const next = request.method === 'GET' ? safeNext(request.path) : undefined;
      return sendPage(response, 401, loginPage({ siteName, error: M.login.expired, next }));
    }
    if (status >= 500) this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    const [title, message] = M.errors.byStatus[status] ?? M.errors.generic;
    sendPage(response, status, errorPage(siteName, title, message));
  }
}
