import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { Clock } from '@newsroom/platform';
import { DigestComposer } from './digest-composer';

/** Every minute: builds the digests that are due (at the configured hour, by the injected Clock) and not built yet. */
@Injectable()
export class DigestScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  static readonly INTERVAL_MS = 60_000;
  private readonly logger = new Logger(DigestScheduler.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly composer: DigestComposer,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), DigestScheduler.INTERVAL_MS);
    this.timer.unref();
    void this.tick();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One look at the schedule (the tests call it after moving their clock). */
  tick(): Promise<unknown> {
    this.running = this.running.then(() =>
      this.composer.buildDue(this.clock.now()).catch((error: unknown) => this.logger.warn({ err: error }, `digests not built: ${(error as Error).message}`)),
    );
    return this.running;
  }
}
