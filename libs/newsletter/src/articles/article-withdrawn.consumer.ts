import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EventOf } from '@newsroom/contracts';
import { OnEvent } from '@newsroom/messaging';
import { APP_CONFIG, type BaseConfig } from '@newsroom/platform';
import type { EntityManager } from 'typeorm';
import { DigestComposer } from '../digests/digest-composer';

/**
 * An article is no longer public (or never will be): nothing still waiting may announce it. In the inbox
 * transaction: the article leaves future digests, its alert mailing is cancelled (a late first publication
 * event queues nothing) with its queued alerts, queued shares of it are cancelled, and queued digests that
 * list it are written again without it (or cancelled when it was their only article). What already left
 * cannot be recalled.
 */
@Injectable()
export class ArticleWithdrawnConsumer {
  private readonly logger = new Logger(ArticleWithdrawnConsumer.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: BaseConfig,
    private readonly digests: DigestComposer,
  ) {}

  @OnEvent('publishing.article.withdrawn')
  async on(event: EventOf<'publishing.article.withdrawn'>, tx: EntityManager): Promise<void> {
    const { articleId, withdrawnAt } = event.data;
    await tx.query(`UPDATE newsletter.article SET withdrawn_at = $2 WHERE id = $1`, [articleId, withdrawnAt]);
    await tx.query(
      `INSERT INTO newsletter.mailing AS m (id, key, kind, subject, article_id, cancelled_at) VALUES (gen_random_uuid(), $2, 'alert', '', $1, $3)
       ON CONFLICT (key) DO UPDATE SET cancelled_at = coalesce(m.cancelled_at, EXCLUDED.cancelled_at)`,
      [articleId, `alert:${articleId}`, withdrawnAt],
    );
    const [cancelled]: [unknown[], number] = await tx.query(
      `UPDATE newsletter.outgoing_mail SET status = 'cancelled', last_error = 'not sent: the article was withdrawn'
        WHERE status = 'queued'
          AND ((kind = 'alert' AND mailing_id IN (SELECT id FROM newsletter.mailing WHERE article_id = $1))
            OR (kind = 'share' AND article_ids @> ARRAY[$1::uuid]))
       RETURNING id`,
      [articleId],
    );
    const rewritten = await this.digests.dropArticleFromQueuedDigests(tx, articleId);
    this.logger.log({ articleId, cancelled: cancelled.length, ...rewritten }, `article ${articleId} withdrawn: ${cancelled.length} alert(s) or share(s) cancelled`);
  }
}
