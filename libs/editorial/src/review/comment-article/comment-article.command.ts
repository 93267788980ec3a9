import { Command } from '@nestjs/cqrs';
import type { Actor } from '@newsroom/platform';
import type { CommentView } from '../review-views';

export class CommentArticleCommand extends Command<CommentView> {
  constructor(
    readonly articleId: string,
    readonly actor: Actor,
    readonly body: string,
  ) {
    super();
  }
}
