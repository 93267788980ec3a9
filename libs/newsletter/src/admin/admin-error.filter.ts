import { Catch, HttpException, Inject, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { APP_CONFIG, html, type BaseConfig } from '@newsroom/platform';
import type { Response } from 'express';
import { sendAdminPage } from './admin-http';
import { adminErrorPage } from './admin-pages';

const MESSAGES: Record<number, [string, string]> = {
  400: ['Demande incorrecte', 'La demande n’a pas pu être comprise. Revenez à la page précédente et réessayez.'],
  403: ['Action refusée', 'Ces pages sont réservées aux administrateurs, ou le formulaire a expiré : rechargez la page et réessayez.'],
  404: ['Introuvable', 'Cet envoi ou cet import n’existe pas.'],
  413: ['Fichier trop volumineux', 'Le fichier envoyé dépasse 5 Mo.'],
};

/** The newsletter admin answers in HTML: signed out, a page that sends to the editorial sign-in; other errors, a French page. */
@Catch()
export class AdminErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('NewsletterAdmin');

  constructor(@Inject(APP_CONFIG) private readonly config: BaseConfig) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const status = exception instanceof HttpException ? exception.getStatus() : 500;
    const siteName = this.config.SITE_NAME;
    if (status === 401) {
      return sendAdminPage(response, 401, adminErrorPage(siteName, 'Connexion nécessaire', html`Votre session a expiré ou n’existe pas : <a href="/admin">connectez-vous</a>, puis revenez à cette page.`));
    }
    if (status >= 500) this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    const [title, message] = MESSAGES[status] ?? ['Erreur', 'Une erreur est survenue. Réessayez dans un instant.'];
    sendAdminPage(response, status, adminErrorPage(siteName, title, message));
  }
}
