import { Injectable } from '@nestjs/common';
import type { EventOf } from '@newsroom/contracts';
import { OnEvent } from '@newsroom/messaging';
import type { EntityManager } from 'typeorm';

/**
 * What publishing reports back: an approved article went live (state published, unless an editor already
 * opened its correction), or it is no longer public. Editors see in the admin what readers see.
 * Older revisions arriving late never overwrite a newer one.
 */
@Injectable()
export class PublicationStatusConsumer {
  @OnEvent('publishing.article.published')
  async published(event: EventOf<'publishing.article.published'>, tx: EntityManager): Promise<void> {
    const { articleId, revision, publishedAt } = event.data;
    await tx.query(
      `UPDATE editorial.article
          SET is_public = true,
              published_revision = $2,
              public_since = COALESCE(public_since, $3::timestamptz),
              state = CASE WHEN state = 'approved' AND revision = $2 THEN 'published' ELSE state END,
              state_changed_at = CASE WHEN state = 'approved' AND revision = $2 THEN $3::timestamptz ELSE state_changed_at END,
              correction_note = CASE WHEN state = 'approved' AND revision = $2 THEN NULL ELSE correction_note END
        WHERE id = $1 AND state <> 'withdrawn' AND (published_revision IS NULL OR published_revision <= $2)`,
      [articleId, revision, publishedAt],
    );
  }

  @OnEvent('publishing.article.withdrawn')
  async withdrawn(event: EventOf<'publishing.article.withdrawn'>, tx: EntityManager): Promise<void> {
    await tx.query(`UPDATE editorial.article SET is_public = false WHERE id = $1`, [event.data.articleId]);
  }
}
