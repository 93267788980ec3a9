// For the publishing integration tests: the real PublishingModule, fed with approvals through the real consumer.
import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { createEvent, type ArticleApprovedV1, type ArticlePublishedV1, type EventOf, type ShareRequestedV1 } from '@newsroom/contracts';
import { MessagingModule, TRANSPORT, type Transport } from '@newsroom/messaging';
import { ConfigModule, type BaseConfig } from '@newsroom/platform';
import { testConfig } from '@newsroom/platform/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { PublishingModule } from '../publishing.module';

export const PUBLIC_URL = 'http://news.test';

export interface PublishingHarness {
  app: NestExpressApplication;
  config: BaseConfig;
  db(): DataSource;
  http(): ReturnType<typeof request>;
  /** Hands the approval to the publishing consumer as the broker would, and resolves once it is handled. */
  deliver(event: EventOf<'editorial.article.approved'>): Promise<void>;
  publishedEvents(articleId: string): Promise<ArticlePublishedV1[]>;
  shareEvents(articleId: string): Promise<ShareRequestedV1[]>;
  close(): Promise<void>;
}

/** Starts the real module: `database` is `{ DATABASE_URL }` (PostgreSQL) or `{ DATA_DIR }` (embedded PGlite). */
export async function startPublishing(database: { DATABASE_URL: string } | { DATA_DIR: string }): Promise<PublishingHarness> {
  Logger.overrideLogger(false);
  const config = testConfig({ PUBLIC_URL, ...database });
  const moduleRef = await Test.createTestingModule({
    imports: [ConfigModule.forRoot(config), MessagingModule.forRoot({ transport: 'local', outboxPollMs: 50, retry: { maxAttempts: 2, initialBackoffMs: 5 } }), PublishingModule],
  }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
  // As createHttpApp does behind the reverse proxy: tests choose the client's IP with X-Forwarded-For.
  app.set('trust proxy', 'loopback');
  await app.init();

  const db = () => app.get<DataSource>(getDataSourceToken('publishing'));
  const payloads = async (type: string, articleId: string) => {
    const rows: { payload: string }[] = await db().query(`SELECT payload FROM publishing.outbox WHERE event_type = $1 ORDER BY seq`, [type]);
    return rows.map((row) => JSON.parse(row.payload).data).filter((data) => data.articleId === articleId);
  };
  return {
    app,
    config,
    db,
    http: () => request(app.getHttpServer()),
    async deliver(event) {
      await app.get<Transport>(TRANSPORT).publish([{ topic: 'editorial.article', key: event.aggregateId, value: JSON.stringify(event), headers: {} }]);
      const parked: { error: string }[] = await db().query(`SELECT error FROM publishing.dead_letter WHERE event_id = $1`, [event.id]);
      if (parked.length) throw new Error(`the approval was parked: ${parked[0].error}`);
    },
    publishedEvents: (articleId) => payloads('publishing.article.published', articleId),
    shareEvents: (articleId) => payloads('publishing.share.requested', articleId),
    close: () => app.close(),
  };
}

/** An `editorial.article.approved` event; a new articleId unless given. */
export function approval(data: Partial<ArticleApprovedV1> = {}): EventOf<'editorial.article.approved'> {
  const articleId = data.articleId ?? randomUUID();
  return createEvent(
    'editorial.article.approved',
    {
      articleId,
      communiqueId: null,
      revision: 1,
      title: 'Festival d’été : la programmation dévoilée',
      publishedOn: '2020-07-16',
      section: 'Culture',
      language: 'fr',
      paragraphs: ['La ville dévoile la programmation du festival.', 'Les concerts auront lieu place de la Mairie.'],
      approvedBy: 'Claire Morvan',
      approvedAt: new Date().toISOString(),
      publishAt: null,
      ...data,
    },
    { aggregateId: articleId },
  );
}
