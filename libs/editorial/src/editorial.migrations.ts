import { createMessagingMigration } from '@newsroom/messaging';

/** Every migration of the editorial schema, oldest first (classes, not globs: the build bundles no file lists). */
export const EDITORIAL_MIGRATIONS = [createMessagingMigration('editorial')];
