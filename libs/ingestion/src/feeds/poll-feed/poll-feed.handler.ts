import { ConflictException, NotFoundException } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { FEED_NOT_FOUND } from '../feed-row';
import { FeedPolling, type PollOutcome } from './feed-polling';
import { PollFeedCommand } from './poll-feed.command';

@CommandHandler(PollFeedCommand)
export class PollFeedHandler implements ICommandHandler<PollFeedCommand> {
  constructor(private readonly polling: FeedPolling) {}

  async execute({ feedId }: PollFeedCommand): Promise<PollOutcome> {
    const feed = await this.polling.claim(feedId);
    if (feed === null) throw new NotFoundException(FEED_NOT_FOUND);
    if (feed === 'busy') throw new ConflictException('Ce flux est en cours de lecture : réessayez dans un instant.');
    return this.polling.poll(feed);
  }
}
