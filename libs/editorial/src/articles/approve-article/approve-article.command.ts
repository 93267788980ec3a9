import { Command } from '@nestjs/cqrs';
import type { Actor } from '@newsroom/platform';
import type { ArticleDetail } from '../article-views';

/** An editor approves a draft for publication, now or not before `publishAt` (embargo). */
export class ApproveArticleCommand extends Command<ArticleDetail> {
  constructor(
    readonly articleId: string,
    readonly actor: Actor,
    readonly publishAt: Date | null = null,
  ) {
    super();
  }
}
