import { createMessagingMigration } from '@newsroom/messaging';
import { AccountsAndArticles1763900000000 } from './migrations/accounts-and-articles.migration';
import { AccountDeactivation1764200000000 } from './migrations/account-deactivation.migration';
import { NearDuplicates1764000000000 } from './migrations/near-duplicates.migration';
import { ReviewWorkflow1764100000000 } from './migrations/review-workflow.migration';

/** Every migration of the editorial schema, oldest first (classes, not globs: the build bundles no file lists). */
export const EDITORIAL_MIGRATIONS = [createMessagingMigration('editorial'), AccountsAndArticles1763900000000, NearDuplicates1764000000000, ReviewWorkflow1764100000000, AccountDeactivation1764200000000];
