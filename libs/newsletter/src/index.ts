export { NewsletterModule } from './newsletter.module';
export { NEWSLETTER_MIGRATIONS } from './newsletter.migrations';
export { MAIL_SENDER_OPTIONS, DEFAULT_MAIL_SENDER_OPTIONS, type MailSenderOptions } from './sending/mail-sender';
export { MAIL_TRANSPORT, noDelaySocket, type MailTransport, type Email, type SentEmail } from './sending/mail-transport';
