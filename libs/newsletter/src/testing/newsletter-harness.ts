// For the newsletter integration tests: the real NewsletterModule, fed with events the way production feeds
// it (a producer's outbox, the relay, the local delivery, the newsletter's inbox), driven over HTTP.
import { Injectable, Logger, Module } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { createEvent, topicOf, type AnyEvent, type ArticlePublishedV1, type EventOf, type ShareRequestedV1 } from '@newsroom/contracts';
import { createMessagingMigration, MessagingModule, Outbox, TRANSPORT, type Transport } from '@newsroom/messaging';
import { waitFor } from '@newsroom/messaging/testing';
import { ConfigModule, DatabaseModule, SystemClock, type BaseConfig, type Clock } from '@newsroom/platform';
import { testConfig } from '@newsroom/platform/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { NewsletterModule } from '../newsletter.module';
import { DEFAULT_MAIL_SENDER_OPTIONS, MAIL_SENDER_OPTIONS, type MailSenderOptions } from '../sending/mail-sender';

export const PUBLIC_URL = 'https://actualites.saint-aubin.example.fr';
export const SITE_NAME = 'Mairie de Saint-Aubin-des-Prés';
export const MAIL_FROM = 'Mairie de Saint-Aubin <presse@saint-aubin.example.fr>';

/** Stands in for the publishing service: its own schema and outbox, nothing else. */
@Injectable()
class PublishingOutbox {
  constructor(readonly outbox: Outbox) {}
}

@Module({
  imports: [
    DatabaseModule.forService('publishing', { entities: [], migrations: [createMessagingMigration('publishing')] }),
    MessagingModule.forService({ service: 'publishing' }),
  ],
  providers: [PublishingOutbox],
})
class PublishingStandIn {}

export interface NewsletterHarness {
  app: NestExpressApplication;
  config: BaseConfig;
  db(): DataSource;
  http(): ReturnType<typeof request>;
  /** Written to the producer's outbox, relayed, consumed: resolves once the newsletter's inbox has it (throws if it was parked). */
  deliver(event: AnyEvent): Promise<void>;
  /** The same message handed to the consumer again, as a broker redelivers: resolves once handled. */
  redeliver(event: AnyEvent): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the real module with `env` over the test defaults: `{ DATABASE_URL }` (PostgreSQL) or `{ DATA_DIR }`
 * (embedded PGlite), `SMTP_URL` or not. The sender retries within milliseconds here.
 */
export async function startNewsletter(
  env: Record<string, string>,
  sender: Partial<MailSenderOptions> = {},
  clock: Clock = new SystemClock(),
): Promise<NewsletterHarness> {
  Logger.overrideLogger(false);
  const config = testConfig({ PUBLIC_URL, SITE_NAME, MAIL_FROM, ...env });
  const moduleRef = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot(config, clock),
      MessagingModule.forRoot({ transport: 'local', outboxPollMs: 50, retry: { maxAttempts: 2, initialBackoffMs: 5 } }),
      PublishingStandIn,
      NewsletterModule,
    ],
  })
    .overrideProvider(MAIL_SENDER_OPTIONS)
    .useValue({ ...DEFAULT_MAIL_SENDER_OPTIONS, pollMs: 100, ratePerSecond: 0, outage: { initialMs: 50, maxMs: 200 }, retry: { maxAttempts: 8, initialBackoffMs: 50, maxBackoffMs: 200 }, ...sender })
    .compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
  // As createHttpApp does behind the reverse proxy: tests choose the client's IP with X-Forwarded-For.
  app.set('trust proxy', 'loopback');
  await app.init();

  const db = () => app.get<DataSource>(getDataSourceToken('newsletter'));
  const handled = async (event: AnyEvent) => {
    const parked: { error: string }[] = await db().query(`SELECT error FROM newsletter.dead_letter WHERE event_id = $1`, [event.id]);
    if (parked.length) throw new Error(`the event was parked: ${parked[0].error}`);
    return (await db().query(`SELECT 1 FROM newsletter.inbox WHERE event_id = $1`, [event.id])).length === 1;
  };
  return {
    app,
    config,
    db,
    http: () => request(app.getHttpServer()),
    async deliver(event) {
      const publishing = app.get<DataSource>(getDataSourceToken('publishing'));
      await publishing.transaction((tx) => app.get(PublishingOutbox).outbox.add(tx, event));
      await waitFor(`the newsletter to consume ${event.type} ${event.id}`, () => handled(event));
    },
    async redeliver(event) {
      await app.get<Transport>(TRANSPORT).publish([{ topic: topicOf(event.type), key: event.aggregateId, value: JSON.stringify(event), headers: {} }]);
    },
    close: () => app.close(),
  };
}

/** `publishing.article.published`, a new article (revision 1) unless told otherwise. */
export function articlePublished(data: Partial<ArticlePublishedV1> = {}, id?: string): EventOf<'publishing.article.published'> {
  const articleId = data.articleId ?? randomUUID();
  const slug = data.slug ?? `article-${articleId.slice(0, 8)}`;
  return createEvent(
    'publishing.article.published',
    {
      articleId,
      revision: 1,
      slug,
      url: `${PUBLIC_URL}/articles/${slug}`,
      title: 'Rue des Tilleuls : trois semaines de travaux',
      summary: 'Le renouvellement des canalisations commence le 17 mars ; l’eau sera coupée chaque mardi matin.',
      publishedOn: '2024-05-01',
      section: 'Vie locale',
      language: 'fr',
      publishedAt: new Date().toISOString(),
      ...data,
    },
    { aggregateId: articleId, id },
  );
}

/** `publishing.share.requested`, a new share unless told otherwise. */
export function shareRequested(data: Partial<ShareRequestedV1> = {}): EventOf<'publishing.share.requested'> {
  const shareId = data.shareId ?? randomUUID();
  return createEvent(
    'publishing.share.requested',
    {
      shareId,
      articleId: randomUUID(),
      url: `${PUBLIC_URL}/articles/rue-des-tilleuls`,
      title: 'Rue des Tilleuls : trois semaines de travaux',
      friendEmail: `ami-${shareId.slice(0, 8)}@example.org`,
      senderName: 'Jeanne Lefèvre',
      note: null,
      requestedAt: new Date().toISOString(),
      ...data,
    },
    { aggregateId: shareId },
  );
}
