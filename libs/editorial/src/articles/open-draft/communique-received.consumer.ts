import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EventOf } from '@newsroom/contracts';
import { OnEvent } from '@newsroom/messaging';
import type { EntityManager } from 'typeorm';

/**
 * A communiqué arrived: open its draft. One draft per communiqué (the unique communique_id), so a second
 * event for the same communiqué changes nothing; the inbox row is written in the same transaction.
 * A near-duplicate keeps the earlier communiqué's id and links to its draft; events of two communiqués may
 * arrive in either order (they are keyed apart), so a new draft also completes the drafts waiting for it.
 */
@Injectable()
export class CommuniqueReceivedConsumer {
  @OnEvent('ingestion.communique.received')
  async on(event: EventOf<'ingestion.communique.received'>, tx: EntityManager): Promise<void> {
    const { communiqueId, title, titleGenerated, publishedOn, section, language, paragraphs, nearDuplicateOf } = event.data;
    const id = randomUUID();
    const inserted: unknown[] = await tx.query(
      `INSERT INTO editorial.article (id, communique_id, state, title, title_generated, published_on, section, language, paragraphs, revision, version,
                                      near_duplicate_of_communique, near_duplicate_similarity, near_duplicate_of_article)
       VALUES ($1, $2, 'draft', $3, $4, $5, $6, $7, $8::jsonb, 1, 1, $9::uuid, $10::real,
               (SELECT earlier.id FROM editorial.article earlier WHERE earlier.communique_id = $9::uuid))
       ON CONFLICT (communique_id) DO NOTHING
       RETURNING id`,
      [id, communiqueId, title, titleGenerated, publishedOn, section, language, JSON.stringify(paragraphs), nearDuplicateOf?.communiqueId ?? null, nearDuplicateOf?.similarity ?? null],
    );
    if (inserted.length === 0) return;
    await tx.query(
      `UPDATE editorial.article SET near_duplicate_of_article = $1 WHERE near_duplicate_of_communique = $2 AND near_duplicate_of_article IS NULL`,
      [id, communiqueId],
    );
  }
}
