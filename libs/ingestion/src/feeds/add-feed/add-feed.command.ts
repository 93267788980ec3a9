import { Command } from '@nestjs/cqrs';
import type { FeedView } from '../feed-row';

export interface AddFeedInput {
  url: string;
  intervalSeconds: number;
}

/** Register a feed, due at once. 409 when the URL is already registered. */
export class AddFeedCommand extends Command<FeedView> {
  constructor(readonly input: AddFeedInput) {
    super();
  }
}
