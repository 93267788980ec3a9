import { createMessagingMigration } from '@newsroom/messaging';

/** Every migration of the publishing schema, oldest first (classes, not globs: the build bundles no file lists). */
export const PUBLISHING_MIGRATIONS = [createMessagingMigration('publishing')];
