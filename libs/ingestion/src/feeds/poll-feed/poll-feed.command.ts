import { Command } from '@nestjs/cqrs';
import type { PollOutcome } from './feed-polling';

/** Poll one feed now (due or not). Result: what the poll found. */
export class PollFeedCommand extends Command<PollOutcome> {
  constructor(readonly feedId: string) {
    super();
  }
}
