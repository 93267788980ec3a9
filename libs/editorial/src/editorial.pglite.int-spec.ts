import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { createEvent, parseEventJson } from '@newsroom/contracts';
import { HEADERS, TRANSPORT, type Transport } from '@newsroom/messaging';
import { waitFor } from '@newsroom/messaging/testing';
import { startOnEmbeddedDatabase, type EmbeddedApp } from '@newsroom/platform/testing';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { InitialAdministrator } from './accounts/initial-administrator';
import { EditorialModule } from './editorial.module';

/**
 * The standalone host's database: the same migrations, consumer and approval (row lock, outbox) on the
 * embedded PGlite, where `npm start` runs them.
 */
describe('editorial service on the embedded database (standalone host)', () => {
  let embedded: EmbeddedApp;
  let app: INestApplication;

  beforeAll(async () => {
    embedded = await startOnEmbeddedDatabase([EditorialModule]);
    app = embedded.app;
  });

  afterAll(() => embedded?.close());

  it('creates the administrator, opens a draft from an event and approves it', async () => {
    const created = app.get(InitialAdministrator).created;
    expect(created).toEqual({ email: 'admin@newsroom.local', password: expect.stringMatching(/^[A-Za-z0-9]{20}$/) });
    const server = app.getHttpServer();
    const login = await request(server).post('/api/editorial/session').send({ email: created?.email, password: created?.password }).expect(200);
    const auth = `Bearer ${login.body.token}`;

    const communiqueId = randomUUID();
    const event = createEvent(
      'ingestion.communique.received',
      {
        communiqueId,
        source: { kind: 'demo', name: null },
        checksum: 'c'.repeat(64),
        title: 'Fête nationale',
        titleGenerated: true,
        publishedOn: '2025-07-14',
        section: null,
        language: 'fr',
        paragraphs: ['Réception à la résidence.'],
        receivedAt: new Date().toISOString(),
      },
      { aggregateId: communiqueId },
    );
    await app.get<Transport>(TRANSPORT).publish([
      { topic: 'ingestion.communique', key: communiqueId, value: JSON.stringify(event), headers: { [HEADERS.eventType]: event.type } },
    ]);
    const draft = await waitFor('the draft', async () => {
      const res = await request(server).get(`/api/editorial/articles?communiqueId=${communiqueId}`).set('Authorization', auth).expect(200);
      return res.body.articles[0];
    });
    expect(draft).toMatchObject({ state: 'draft', title: 'Fête nationale', publishedOn: '2025-07-14', paragraphCount: 1 });

    const approved = await request(server).post(`/api/editorial/articles/${draft.id}/approve`).set('Authorization', auth).expect(200);
    expect(approved.body).toMatchObject({ state: 'approved', publishedOn: '2025-07-14', titleGenerated: true, version: 2 });
    await request(server).post(`/api/editorial/articles/${draft.id}/approve`).set('Authorization', auth).expect(409);

    const rows: { payload: string }[] = await app.get<DataSource>(getDataSourceToken('editorial')).query(`SELECT payload FROM editorial.outbox WHERE message_key = $1`, [draft.id]);
    expect(rows.map((row) => parseEventJson(row.payload))).toEqual([
      expect.objectContaining({ type: 'editorial.article.approved', data: expect.objectContaining({ articleId: draft.id, approvedBy: 'Administrateur', publishedOn: '2025-07-14' }) }),
    ]);
  });
});
