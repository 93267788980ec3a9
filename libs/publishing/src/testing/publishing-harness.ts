// For the publishing integration tests: the real PublishingModule, fed with approvals through the real consumer.
import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import {
  createEvent,
  topicOf,
  type AnyEvent,
  type ArticleApprovedV1,
  type ArticleCorrectedV1,
  type ArticlePublishedV1,
  type EventOf,
  type PublishedArticleWithdrawnV1,
  type ShareRequestedV1,
  type SiteSectionsChangedV1,
} from '@newsroom/contracts';
import { MessagingModule, TRANSPORT, type Transport } from '@newsroom/messaging';
import { ConfigModule, fastLanesOf, installFastLanes, type BaseConfig, type Clock } from '@newsroom/platform';
import { testConfig } from '@newsroom/platform/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { ScheduledPublisher } from '../articles/publish-article/scheduled-publisher';
import { PublishingModule } from '../publishing.module';

export const PUBLIC_URL = 'http://news.test';

export interface PublishingHarness {
  app: NestExpressApplication;
  config: BaseConfig;
  db(): DataSource;
  /** Requests to the app's server: through the fast lane (as createHttpApp serves), then Express. */
  http(): ReturnType<typeof request>;
  /** Requests straight to Express, without the fast lane. */
  express(): ReturnType<typeof request>;
  /** Hands the event to the publishing consumers as the broker would, and resolves once it is handled. */
  deliver(event: AnyEvent): Promise<void>;
  publishedEvents(articleId: string): Promise<ArticlePublishedV1[]>;
  withdrawnEvents(articleId: string): Promise<PublishedArticleWithdrawnV1[]>;
  /** One pass of the ScheduledPublisher (it also runs every second on its own). */
  tick(): Promise<number>;
  shareEvents(articleId: string): Promise<ShareRequestedV1[]>;
  close(): Promise<void>;
}

/**
 * Starts the real module: `database` is `{ DATABASE_URL }` (PostgreSQL) or `{ DATA_DIR }` (embedded PGlite);
 * `clock` replaces the system clock (embargo tests). `APP_SECRET` can be given to restart over the same data.
 */
export async function startPublishing(database: { DATABASE_URL: string } | { DATA_DIR: string }, options: { clock?: Clock; env?: Record<string, string> } = {}): Promise<PublishingHarness> {
  Logger.overrideLogger(false);
  const config = testConfig({ PUBLIC_URL, ...database, ...options.env });
  const moduleRef = await Test.createTestingModule({
    imports: [ConfigModule.forRoot(config, options.clock), MessagingModule.forRoot({ transport: 'local', outboxPollMs: 50, retry: { maxAttempts: 2, initialBackoffMs: 5 } }), PublishingModule],
  }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
  // As createHttpApp does behind the reverse proxy: tests choose the client's IP with X-Forwarded-For.
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  await app.init();
  // As createHttpApp does: the module's fast lane in front of Express (request logs are createHttpApp's).
  installFastLanes(app.getHttpServer(), fastLanesOf(app), null);

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
    express: () => request(app.getHttpAdapter().getInstance()),
    async deliver(event) {
      await app.get<Transport>(TRANSPORT).publish([{ topic: topicOf(event.type), key: event.aggregateId, value: JSON.stringify(event), headers: {} }]);
      const parked: { error: string }[] = await db().query(`SELECT error FROM publishing.dead_letter WHERE event_id = $1`, [event.id]);
      if (parked.length) throw new Error(`the ${event.type} was parked: ${parked[0].error}`);
    },
    publishedEvents: (articleId) => payloads('publishing.article.published', articleId),
    withdrawnEvents: (articleId) => payloads('publishing.article.withdrawn', articleId),
    tick: () => app.get(ScheduledPublisher).tick(),
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

const editor = 'Claire Morvan';

export function rescheduling(articleId: string, revision: number, publishAt: string | null): EventOf<'editorial.article.rescheduled'> {
  return createEvent('editorial.article.rescheduled', { articleId, revision, publishAt, rescheduledBy: editor, rescheduledAt: new Date().toISOString() }, { aggregateId: articleId });
}

/** An `editorial.article.corrected` of `articleId` to `revision`, the rest of the content from `approval()` unless given. */
export function correction(articleId: string, revision: number, data: Partial<ArticleCorrectedV1> = {}): EventOf<'editorial.article.corrected'> {
  const { title, publishedOn, section, language, paragraphs, communiqueId } = approval({ articleId }).data;
  const content = { articleId, communiqueId, title, publishedOn, section, language, paragraphs };
  return createEvent(
    'editorial.article.corrected',
    { ...content, revision, correctionNote: 'Le lieu des concerts a été corrigé.', correctedBy: editor, correctedAt: new Date().toISOString(), ...data },
    { aggregateId: articleId },
  );
}

export function withdrawal(articleId: string, reason = 'Retiré à la demande de la mairie.'): EventOf<'editorial.article.withdrawn'> {
  return createEvent('editorial.article.withdrawn', { articleId, reason, withdrawnBy: editor, withdrawnAt: new Date().toISOString() }, { aggregateId: articleId });
}

export const SITE_ID = '0f6f3c1e-5b6a-4c1d-9a57-2c1b0e7d9a11';

export function sectionsChange(sections: SiteSectionsChangedV1['sections'], changedAt = new Date().toISOString()): EventOf<'editorial.site.sections-changed'> {
  return createEvent('editorial.site.sections-changed', { siteId: SITE_ID, sections, changedBy: editor, changedAt }, { aggregateId: SITE_ID });
}
