export { NewsletterModule } from './newsletter.module';
export { NEWSLETTER_MIGRATIONS } from './newsletter.migrations';
