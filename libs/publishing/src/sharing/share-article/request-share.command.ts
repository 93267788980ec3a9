import { Command } from '@nestjs/cqrs';
import type { PublishedArticle } from '../../articles/published-article.query';
import type { ShareForm } from './share-form';

export type RequestShareResult =
  | { status: 'accepted'; shareId: string }
  | { status: 'invalid-token' }
  /** The proof of work was forged, unsolved, or already spent. */
  | { status: 'invalid-proof' }
  | { status: 'rate-limited'; retryAfterSeconds: number };

/** A reader asks to suggest a live article to a friend, with a form already validated at the edge. */
export class RequestShareCommand extends Command<RequestShareResult> {
  constructor(
    readonly article: Pick<PublishedArticle, 'id' | 'slug' | 'title'>,
    readonly form: ShareForm,
    /** The client's address, as the reverse proxy reports it. */
    readonly ip: string,
  ) {
    super();
  }
}
