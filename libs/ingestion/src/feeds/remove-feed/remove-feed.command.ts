import { Command } from '@nestjs/cqrs';

/** Forget a feed and its seen entries (the communiqués stay). 404 unknown. */
export class RemoveFeedCommand extends Command<void> {
  constructor(readonly feedId: string) {
    super();
  }
}
