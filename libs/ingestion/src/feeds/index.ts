import { AddFeedController } from './add-feed/add-feed.controller';
import { AddFeedHandler } from './add-feed/add-feed.handler';
import { ListFeedsController } from './list-feeds/list-feeds.controller';
import { ListFeedsHandler } from './list-feeds/list-feeds.handler';
import { FeedPoller } from './poll-feed/feed-poller';
import { FeedPolling } from './poll-feed/feed-polling';
import { PollFeedController } from './poll-feed/poll-feed.controller';
import { PollFeedHandler } from './poll-feed/poll-feed.handler';
import { RemoveFeedController } from './remove-feed/remove-feed.controller';
import { RemoveFeedHandler } from './remove-feed/remove-feed.handler';

/** Routes under /api/ingestion/feeds (editor role). */
export const FEED_CONTROLLERS = [AddFeedController, ListFeedsController, RemoveFeedController, PollFeedController];
/** Handlers, the polling service and the scheduled poller. */
export const FEED_PROVIDERS = [AddFeedHandler, ListFeedsHandler, RemoveFeedHandler, PollFeedHandler, FeedPolling, FeedPoller];
