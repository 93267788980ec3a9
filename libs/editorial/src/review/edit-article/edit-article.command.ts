import { Command } from '@nestjs/cqrs';
import type { Actor } from '@newsroom/platform';
import type { ArticleDetail } from '../../articles/article-views';

export interface ArticleText {
  title: string;
  section: string | null;
  tags: string[];
  paragraphs: string[];
  /** For a correction of a public article: what readers will be told changed. */
  correctionNote?: string | null;
}

/** Saves a new revision of the text. `expectedVersion` is the version the editor started from (optimistic locking). */
export class EditArticleCommand extends Command<ArticleDetail> {
  constructor(
    readonly articleId: string,
    readonly actor: Actor,
    readonly text: ArticleText,
    readonly expectedVersion: number,
  ) {
    super();
  }
}
