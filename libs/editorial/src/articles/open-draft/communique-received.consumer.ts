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
    const { communiqueId, title, titleGenerated, publishedOn, section, language, paragraphs, nearDuplicateOf, tags } = event.data;
    const id = randomUUID();
    // Suggested tags, the most mentioned first (the editor keeps, removes or adds).
    const tagNames = [...tags].sort((a, b) => b.mentions - a.mentions).map((tag) => tag.name).slice(0, 20);
    const inserted: unknown[] = await tx.query(
      `INSERT INTO editorial.article (id, communique_id, state, title, title_generated, published_on, section, language, paragraphs, tags, revision, version,
                                      current_revision, near_duplicate_of_communique, near_duplicate_similarity, near_duplicate_of_article)
       VALUES ($1, $2, 'draft', $3, $4, $5, $6, $7, $8::jsonb, $11::jsonb, 1, 1, 1, $9::uuid, $10::real,
               (SELECT earlier.id FROM editorial.article earlier WHERE earlier.communique_id = $9::uuid))
       ON CONFLICT (communique_id) DO NOTHING
       RETURNING id`,
      [id, communiqueId, title, titleGenerated, publishedOn, section, language, JSON.stringify(paragraphs), nearDuplicateOf?.communiqueId ?? null, nearDuplicateOf?.similarity ?? null, JSON.stringify(tagNames)],
    );
    if (inserted.length === 0) return;
    // Revision 1: the text as received, the base of every difference the editors look at.
    await tx.query(
      `INSERT INTO editorial.article_revision (article_id, number, title, section, tags, paragraphs, author_id, author_name, created_at)
       VALUES ($1, 1, $2, $3, $4::jsonb, $5::jsonb, NULL, 'Réception', $6)`,
      [id, title, section, JSON.stringify(tagNames), JSON.stringify(paragraphs), event.occurredAt],
    );
    await tx.query(
      `INSERT INTO editorial.audit_entry (id, article_id, actor_id, actor_name, action, at, before, after)
       VALUES ($1, $2, NULL, 'Réception', 'receive', $4, NULL, $3::jsonb)`,
      [randomUUID(), id, JSON.stringify({ state: 'draft', title, section, communiqueId }), event.occurredAt],
    );
    await tx.query(
      `UPDATE editorial.article SET near_duplicate_of_article = $1 WHERE near_duplicate_of_communique = $2 AND near_duplicate_of_article IS NULL`,
      [id, communiqueId],
    );
  }
}
