import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type BaseConfig } from '@newsroom/platform';
import { FeedPolling } from './feed-polling';

/** Feeds taken per tick by one replica. */
const BATCH = 5;

/** Looks for due feeds every few seconds from application bootstrap until shutdown; several replicas share the work. */
@Injectable()
export class FeedPoller implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('FeedPoller');
  /** Time between two looks for due feeds: FEED_POLL_MS (5 s by default). */
  private readonly tickMs: number;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly polling: FeedPolling,
    @Inject(APP_CONFIG) config: BaseConfig,
  ) {
    this.tickMs = config.FEED_POLL_MS;
  }

  onApplicationBootstrap(): void {
    this.stopped = false;
    this.schedule();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => {
        this.running = null;
        this.schedule();
      });
    }, this.tickMs);
    this.timer.unref();
  }

  /** One look: the due feeds, polled one after the other. */
  async tick(): Promise<void> {
    try {
      while (!this.stopped) {
        const feeds = await this.polling.claimDue(BATCH);
        if (feeds.length === 0) return;
        for (const feed of feeds) await this.polling.poll(feed);
      }
    } catch (error) {
      this.logger.error(`Feed polling failed: ${(error as Error).stack ?? String(error)}`);
    }
  }
}
