import { keyedHash } from '@newsroom/platform';

/**
 * The suppression list (`newsletter.suppression`) holds addresses that get no email at all: `bounced` (a
 * mail server refused the mailbox for good) and `no-suggestions` (a friend who refused "Suggest To A
 * Friend" emails). Addresses are kept as a keyed hash only, so the list can hold a friend's address
 * without storing it.
 */
export const SUPPRESSION_REASONS = ['bounced', 'no-suggestions'] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

export function addressHash(secret: string, email: string): string {
  return keyedHash(secret, 'newsletter-address', email.trim().toLowerCase());
}
