import { createMessagingMigration } from '@newsroom/messaging';

/** Every migration of the ingestion schema, oldest first (classes, not globs: the build bundles no file lists). */
export const INGESTION_MIGRATIONS = [createMessagingMigration('ingestion')];
