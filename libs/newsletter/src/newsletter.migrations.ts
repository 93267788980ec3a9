import { createMessagingMigration } from '@newsroom/messaging';
import { MailingsPreferencesAndSuppression1764000000000 } from './migrations/mailings-preferences-and-suppression.migration';
import { SubscribersAndOutgoingMail1763900000000 } from './migrations/subscribers-and-outgoing-mail.migration';

/** Every migration of the newsletter schema, oldest first (classes, not globs: the build bundles no file lists). */
export const NEWSLETTER_MIGRATIONS = [createMessagingMigration('newsletter'), SubscribersAndOutgoingMail1763900000000, MailingsPreferencesAndSuppression1764000000000];
