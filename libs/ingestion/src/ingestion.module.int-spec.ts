import type { INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { getDataSourceToken } from '@nestjs/typeorm';
import { APP_CONFIG, issueSessionToken, type BaseConfig } from '@newsroom/platform';
import { startOnEmbeddedDatabase, type EmbeddedApp } from '@newsroom/platform/testing';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { IngestCommuniqueCommand, IngestionModule } from '.';

const SEEDS = path.resolve(__dirname, '../../..', '../shared/seeds');

/**
 * What `npm start` runs: the module on the embedded PGlite (the same migration as on PostgreSQL),
 * and the exported command as the standalone host uses it to load demo content.
 */
describe('IngestionModule on the embedded database (standalone host)', () => {
  let embedded: EmbeddedApp;
  let app: INestApplication;

  beforeAll(async () => {
    embedded = await startOnEmbeddedDatabase([IngestionModule], { messaging: { outboxPollMs: 60_000 } });
    app = embedded.app;
  });

  afterAll(() => embedded?.close());

  it('ingests demo content through the command, idempotently, and serves it back', async () => {
    const raw = readFileSync(path.join(SEEDS, 'communique-2023-04-27-plain.txt'));
    const ingest = () =>
      app.get(CommandBus).execute(new IngestCommuniqueCommand({ raw, contentType: 'text/plain; charset=utf-8', sourceKind: 'demo', sourceName: 'seeds', receivedBy: 'demo' }));
    const first = await ingest();
    expect(first).toMatchObject({ duplicate: false, publishedOn: '2023-04-27', titleGenerated: true, paragraphs: 7 });
    expect(await ingest()).toEqual({ ...first, duplicate: true });

    const db = app.get<DataSource>(getDataSourceToken('ingestion'));
    const rows = await db.query(`SELECT event_type, payload FROM ingestion.outbox WHERE message_key = $1`, [first.communiqueId]);
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0].payload).data.source).toEqual({ kind: 'demo', name: 'seeds' });

    const token = issueSessionToken(app.get<BaseConfig>(APP_CONFIG).APP_SECRET, { id: randomUUID(), email: 'a@b.example', name: 'A', role: 'contributor', sid: randomUUID() });
    const detail = await request(app.getHttpServer()).get(`/api/ingestion/communiques/${first.communiqueId}`).set('Authorization', `Bearer ${token}`).expect(200);
    expect(detail.body).toMatchObject({ source: { kind: 'demo', name: 'seeds' }, byteSize: raw.byteLength, receivedBy: 'demo', section: null });
    const original = await request(app.getHttpServer())
      .get(`/api/ingestion/communiques/${first.communiqueId}/original`)
      .set('Authorization', `Bearer ${token}`)
      .responseType('blob')
      .expect(200);
    expect(Buffer.compare(original.body as Buffer, raw)).toBe(0);
  });
});
