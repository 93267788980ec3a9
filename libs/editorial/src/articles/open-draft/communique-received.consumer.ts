import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EventOf } from '@newsroom/contracts';
import { OnEvent } from '@newsroom/messaging';
import type { EntityManager } from 'typeorm';

/**
 * A communiqué arrived: open its draft. One draft per communiqué (the unique communique_id), so a second
 * event for the same communiqué changes nothing; the inbox row is written in the same transaction.
 */
@Injectable()
export class CommuniqueReceivedConsumer {
  @OnEvent('ingestion.communique.received')
  async on(event: EventOf<'ingestion.communique.received'>, tx: EntityManager): Promise<void> {
    const { communiqueId, title, titleGenerated, publishedOn, section, language, paragraphs } = event.data;
    await tx.query(
      `INSERT INTO editorial.article (id, communique_id, state, title, title_generated, published_on, section, language, paragraphs, revision, version)
       VALUES ($1, $2, 'draft', $3, $4, $5, $6, $7, $8::jsonb, 1, 1)
       ON CONFLICT (communique_id) DO NOTHING`,
      [randomUUID(), communiqueId, title, titleGenerated, publishedOn, section, language, JSON.stringify(paragraphs)],
    );
  }
}
