import { createMessagingMigration } from '@newsroom/messaging';

/** Every migration of the newsletter schema, oldest first (classes, not globs: the build bundles no file lists). */
export const NEWSLETTER_MIGRATIONS = [createMessagingMigration('newsletter')];
