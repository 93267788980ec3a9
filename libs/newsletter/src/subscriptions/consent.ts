import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/**
 * The consent log (`newsletter.consent`): every change of a subscriber's consent, with its time and source,
 * written in the transaction of the change. Kept with the subscriber, exported with their data, erased with them.
 */
export type ConsentAction = 'requested' | 'confirmed' | 'unsubscribed' | 'resubscribed' | 'preferences' | 'bounced' | 'imported';

export async function recordConsent(
  tx: EntityManager,
  entry: { subscriberId: string; action: ConsentAction; source: string; ipHash?: string | null; at: Date; detail?: Record<string, unknown> },
): Promise<void> {
  await tx.query(`INSERT INTO newsletter.consent (id, subscriber_id, action, source, ip_hash, at, detail) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)`, [
    randomUUID(),
    entry.subscriberId,
    entry.action,
    entry.source,
    entry.ipHash ?? null,
    entry.at,
    entry.detail ? JSON.stringify(entry.detail) : null,
  ]);
}
