import { Injectable, Module, type INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { getDataSourceToken } from '@nestjs/typeorm';
import { parseEventJson, type EventOf } from '@newsroom/contracts';
import { MessagingModule, OnEvent, createMessagingMigration } from '@newsroom/messaging';
import { createTestDatabase, waitFor, type TestDatabase } from '@newsroom/messaging/testing';
import { DatabaseModule, createHttpApp, issueSessionToken, type BaseConfig } from '@newsroom/platform';
import { testConfig } from '@newsroom/platform/testing';
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { Repository, type DataSource } from 'typeorm';
import { IngestionModule } from '../../ingestion.module';
import { IngestCommuniqueCommand } from './ingest-communique.command';

const SEEDS = path.resolve(__dirname, '../../../../..', '../shared/seeds');
const PAGE_TEXT = readFileSync(path.join(SEEDS, 'communique-2020-07-16-page-text.txt'));
const PLAIN = readFileSync(path.join(SEEDS, 'communique-2023-04-27-plain.txt'));
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

type Received = EventOf<'ingestion.communique.received'>;

/** Stands in for the editorial service: a consumer of ingestion.communique in the same process, as in the standalone host. */
@Injectable()
class ReceivedProbe {
  readonly events: Received[] = [];

  @OnEvent('ingestion.communique.received')
  async on(event: Received): Promise<void> {
    this.events.push(event);
  }
}

@Module({
  imports: [
    DatabaseModule.forService('editorial', { entities: [], migrations: [createMessagingMigration('editorial')] }),
    MessagingModule.forService({ service: 'editorial', consumers: [ReceivedProbe] }),
  ],
  providers: [ReceivedProbe],
})
class ProbeModule {}

@Module({ imports: [MessagingModule.forRoot({ transport: 'local', outboxPollMs: 50 }), IngestionModule, ProbeModule] })
class TestApp {}

/** The ingestion service on the real PostgreSQL, through the platform's own HTTP app (same body parsers as in production). */
describe('POST /api/ingestion/communiques (IngestionModule on PostgreSQL)', () => {
  let db: TestDatabase;
  let config: BaseConfig;
  let app: INestApplication;
  let token: string;
  const contributor = { id: randomUUID(), email: 'redaction@valdoria.example', name: 'Rédaction', role: 'contributor' as const, sid: randomUUID() };

  beforeAll(async () => {
    db = await createTestDatabase('ingestion_test');
    config = testConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'silent' });
    app = await createHttpApp(TestApp, { service: 'ingestion', config, logDestination: { write: () => undefined } });
    token = issueSessionToken(config.APP_SECRET, contributor);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const http = () => request(app.getHttpServer());
  const auth = { Authorization: '' };
  beforeEach(() => {
    auth.Authorization = `Bearer ${token}`;
  });
  const postText = (body: Buffer | string, contentType = 'text/plain; charset=utf-8') =>
    http().post('/api/ingestion/communiques').set(auth).set('Content-Type', contentType).send(body);
  const postFile = (bytes: Buffer, filename: string, contentType = 'text/plain', source?: string) => {
    const req = http().post('/api/ingestion/communiques').set(auth);
    if (source !== undefined) req.field('source', source);
    return req.attach('file', bytes, { filename, contentType });
  };
  const ingestionDb = () => app.get<DataSource>(getDataSourceToken('ingestion'));
  const outboxRows = async (communiqueId: string): Promise<{ event_type: string; topic: string; message_key: string; payload: string }[]> =>
    ingestionDb().query(`SELECT event_type, topic, message_key, payload FROM ingestion.outbox WHERE message_key = $1 ORDER BY seq`, [communiqueId]);
  const probe = () => app.get(ReceivedProbe);
  const delivered = (communiqueId: string) => waitFor(`the event of ${communiqueId}`, async () => probe().events.find((e) => e.aggregateId === communiqueId));

  let pageTextId: string;

  it('ingests the seed page text sent as a text/plain body: 201, its reading, one event in the outbox and delivered', async () => {
    const response = await postText(PAGE_TEXT).expect(201);
    expect(response.body).toEqual({
      communiqueId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      duplicate: false,
      title: 'La Chine et les pays d’Asie centrale tiennent leur première réunion des ministres des Affaires étrangères',
      titleGenerated: false,
      publishedOn: '2020-07-16',
      section: 'Informations importantes',
      sourceSection: 'Infomations Importantes',
      language: 'fr',
      paragraphs: 12,
      tags: expect.arrayContaining([{ kind: 'person', name: 'Wang Yi', mentions: 7 }]),
      checksum: sha256(PAGE_TEXT),
      nearDuplicateOf: null,
    });
    pageTextId = response.body.communiqueId;

    const rows = await outboxRows(pageTextId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ event_type: 'ingestion.communique.received', topic: 'ingestion.communique', message_key: pageTextId });
    const event = parseEventJson(rows[0].payload) as Received;
    expect(event).toMatchObject({ type: 'ingestion.communique.received', version: 1, aggregateId: pageTextId, causationId: null });
    expect(event.correlationId).toBe(response.headers['x-request-id']);
    expect(event.data).toMatchObject({
      communiqueId: pageTextId,
      source: { kind: 'text', name: null },
      checksum: sha256(PAGE_TEXT),
      title: response.body.title,
      titleGenerated: false,
      publishedOn: '2020-07-16',
      section: 'Informations importantes',
      language: 'fr',
      tags: response.body.tags,
    });
    expect(event.data.paragraphs).toHaveLength(12);
    expect(event.data.paragraphs.join(' ')).not.toMatch(/Suggest To A Friend|Portada|Accueil/);
    expect((await delivered(pageTextId)).id).toBe(event.id);
  });

  it('ingests the seed bare paragraphs as a file upload: 201, a generated title, kind upload named after the file', async () => {
    const response = await postFile(PLAIN, 'communiqué-27-avril.txt').expect(201);
    expect(response.body).toMatchObject({
      duplicate: false,
      title: 'Qin Gang a présidé la quatrième réunion des ministres des Affaires étrangères Chine-Asie centrale à Xi’an',
      titleGenerated: true,
      publishedOn: '2023-04-27',
      section: null,
      language: 'fr',
      paragraphs: 7,
      checksum: sha256(PLAIN),
    });
    const event = await delivered(response.body.communiqueId);
    expect(event.data.source).toEqual({ kind: 'upload', name: 'communiqué-27-avril.txt' });
    expect(event.data.titleGenerated).toBe(true);
  });

  it('answers 200 duplicate for the same bytes again, by any route, and announces nothing more', async () => {
    const again = await postFile(PAGE_TEXT, 'autre-nom.txt', 'text/plain', 'cli').expect(200);
    expect(again.body).toMatchObject({ communiqueId: pageTextId, duplicate: true, checksum: sha256(PAGE_TEXT), paragraphs: 12 });
    await postText(PAGE_TEXT).expect(200);
    expect(await outboxRows(pageTextId)).toHaveLength(1);
    const [{ n }] = await ingestionDb().query(`SELECT count(*)::int AS n FROM ingestion.communique WHERE checksum = $1`, [sha256(PAGE_TEXT)]);
    expect(n).toBe(1);
  });

  it('stores one communiqué and one event when the same text arrives twice at once', async () => {
    const text = `Le 5 juin 2024, l’ambassade de Valdoria a publié son rapport annuel (${randomUUID()}).\nIl est disponible en ligne.`;
    const responses = await Promise.all([postText(text), postText(text), postText(text)]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    const ids = new Set(responses.map((r) => r.body.communiqueId));
    expect(ids.size).toBe(1);
    const [id] = ids;
    expect(await outboxRows(id)).toHaveLength(1);
    expect(responses.filter((r) => r.body.duplicate)).toHaveLength(2);
  });

  it('returns the stored one when another ingest inserted the same bytes after the duplicate check (the race, made certain)', async () => {
    const lookup = jest.spyOn(Repository.prototype, 'findOneBy').mockResolvedValueOnce(null);
    try {
      const result = await app.get(CommandBus).execute(
        new IngestCommuniqueCommand({ raw: PLAIN, contentType: 'text/plain', sourceKind: 'demo', sourceName: null, receivedBy: 'demo' }),
      );
      expect(lookup).toHaveBeenCalledTimes(1); // the duplicate check, fooled: the insert found the row
      expect(result).toMatchObject({ duplicate: true, checksum: sha256(PLAIN), title: expect.stringMatching(/^Qin Gang a présidé/) });
      expect(await outboxRows(result.communiqueId)).toHaveLength(1);
    } finally {
      lookup.mockRestore();
    }
  });

  it('marks source=cli and a named source', async () => {
    const cli = await postFile(Buffer.from('Le consulat de Valdoria sera fermé le 1er mai 2024.\nMerci.'), 'fermeture.txt', 'text/plain', 'cli').expect(201);
    expect((await delivered(cli.body.communiqueId)).data.source).toEqual({ kind: 'cli', name: 'fermeture.txt' });
    const named = await postText('Le consulat de Valdoria rouvrira le 2 mai 2024.\nMerci.').query({ source: 'Ambassade de Valdoria' }).expect(201);
    expect((await delivered(named.body.communiqueId)).data.source).toEqual({ kind: 'text', name: 'Ambassade de Valdoria' });
  });

  it('gives the stored normalised version and the original, byte for byte', async () => {
    const detail = await http().get(`/api/ingestion/communiques/${pageTextId}`).set(auth).expect(200);
    expect(detail.body).toMatchObject({
      communiqueId: pageTextId,
      checksum: sha256(PAGE_TEXT),
      source: { kind: 'text', name: null },
      contentType: 'text/plain; charset=utf-8',
      byteSize: PAGE_TEXT.byteLength,
      publishedOn: '2020-07-16',
      receivedBy: contributor.id,
    });
    expect(detail.body.paragraphs).toHaveLength(12);
    expect(new Date(detail.body.receivedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);

    const original = await http().get(`/api/ingestion/communiques/${pageTextId}/original`).set(auth).responseType('blob').expect(200);
    expect(sha256(original.body as Buffer)).toBe(sha256(PAGE_TEXT));
    expect(original.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(original.headers['content-disposition']).toBe(`attachment; filename="communique-${pageTextId}.txt"; filename*=UTF-8''communique-${pageTextId}.txt`);

    const uploaded = await postFile(Buffer.from('\ufeffLe 3 juin 2024, l’ambassade a reçu des étudiants.\r\nIls ont visité les salons.\r\n'), 'été.txt').expect(201);
    const bytes = await http().get(`/api/ingestion/communiques/${uploaded.body.communiqueId}/original`).set(auth).responseType('blob').expect(200);
    expect(sha256(bytes.body as Buffer)).toBe(uploaded.body.checksum);
    expect((bytes.body as Buffer).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(bytes.headers['content-disposition']).toContain(`filename*=UTF-8''%C3%A9t%C3%A9.txt`);
  });

  it('links a corrected re-send to the earlier communiqué (201, not a duplicate); an unrelated one to nothing', async () => {
    // The page seed again, its longest paragraph rewritten: different bytes, mostly the same text.
    const paragraphs = PAGE_TEXT.toString('utf8').split(/\n\s*\n/);
    const longest = paragraphs.reduce((best, p, i) => (p.length > paragraphs[best].length ? i : best), 0);
    paragraphs[longest] = 'Rectificatif : la réunion s’est tenue en visioconférence, contrairement à ce qu’indiquait notre premier envoi ; les autres informations restent inchangées.';
    const resend = await postText(paragraphs.join('\n\n')).expect(201);
    expect(resend.body).toMatchObject({ duplicate: false, nearDuplicateOf: { communiqueId: pageTextId, similarity: expect.any(Number) } });
    expect(resend.body.communiqueId).not.toBe(pageTextId);
    const event = await delivered(resend.body.communiqueId);
    expect(event.data.nearDuplicateOf).toEqual({ communiqueId: pageTextId, similarity: resend.body.nearDuplicateOf.similarity });
    const similarity = event.data.nearDuplicateOf?.similarity;
    expect(similarity).toBeGreaterThanOrEqual(0.6);
    expect(similarity).toBeLessThan(1);
    const [row] = await ingestionDb().query(`SELECT near_duplicate_of, near_duplicate_similarity FROM ingestion.communique WHERE id = $1`, [resend.body.communiqueId]);
    expect(row).toEqual({ near_duplicate_of: pageTextId, near_duplicate_similarity: similarity });
    const [{ n }] = await ingestionDb().query(`SELECT count(*)::int AS n FROM ingestion.communique_band WHERE communique_id = $1`, [resend.body.communiqueId]);
    expect(n).toBe(32);

    // Another communiqué: nothing stored resembles it (both seeds are stored by now).
    const unrelated = await postText(
      'Le 12 septembre 2024, la médiathèque municipale de Saint-Aubin-des-Prés a inauguré un nouvel espace numérique ouvert à tous.\n' +
        'Les habitants pourront y emprunter des tablettes, suivre des ateliers d’initiation et imprimer leurs démarches administratives gratuitement.',
    ).expect(201);
    expect(unrelated.body.nearDuplicateOf).toBeNull();
    expect((await delivered(unrelated.body.communiqueId)).data.nearDuplicateOf).toBeNull();
  });

  it('answers 404 for an unknown id and 400 for one that is not a uuid', async () => {
    for (const suffix of ['', '/original']) {
      const missing = await http().get(`/api/ingestion/communiques/${randomUUID()}${suffix}`).set(auth).expect(404);
      expect(missing.body).toEqual({ statusCode: 404, message: 'Aucun communiqué avec cet identifiant.', error: 'Not Found' });
      await http().get(`/api/ingestion/communiques/pas-un-uuid${suffix}`).set(auth).expect(400);
    }
  });

  it('answers 401 without a valid session, before reading anything', async () => {
    await http().post('/api/ingestion/communiques').set('Content-Type', 'text/plain').send('Bonjour.').expect(401);
    auth.Authorization = 'Bearer not-a-token';
    await postFile(PLAIN, 'x.txt').expect(401);
    auth.Authorization = `Bearer ${issueSessionToken('another-secret-another-secret-another', contributor)}`;
    await postText('Bonjour.').expect(401);
    await http().get(`/api/ingestion/communiques/${pageTextId}`).expect(401);
    await http().get(`/api/ingestion/communiques/${pageTextId}/original`).expect(401);
  });

  it('answers 415 for what is neither text, HTML nor .docx, with a message that says what is accepted', async () => {
    const pdf = await postFile(Buffer.from('%PDF-1.7'), 'communiqué.pdf', 'application/pdf').expect(415);
    expect(pdf.body).toEqual({ statusCode: 415, message: expect.stringContaining('texte brut (.txt, text/plain)'), error: 'Unsupported Media Type' });
    expect(pdf.body.message).toContain('.docx');
    expect(pdf.body.message).toContain('communiqué.pdf');
    await http().post('/api/ingestion/communiques').set(auth).send({ text: 'Bonjour.' }).expect(415);
  });

  it('reads a windows-1252 upload; refuses a .docx that is not one with 400', async () => {
    const legacy = await postFile(Buffer.from('Le consulat sera fermé le 1er mai 2024.', 'latin1'), 'latin1.txt').expect(201);
    expect(legacy.body).toMatchObject({ publishedOn: '2024-05-01', paragraphs: 1 });
    const docx = await postFile(Buffer.from('PK\u0003\u0004'), 'communiqué.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document').expect(400);
    expect(docx.body.message).toContain('n’est pas un document Word (.docx) lisible');
  });

  it('reads an HTML page, as a text/html body or an upload: its article only, no script, kind html; refuses an abusive page with 422', async () => {
    const page = readFileSync(path.join(__dirname, '../../normalise/html/fixtures/communique-time.html'));
    const body = await postText(page, 'text/html; charset=utf-8').expect(201);
    expect(body.body).toMatchObject({ title: 'Visite du ministre de la Culture à Valdoria', publishedOn: '2024-03-01', paragraphs: 7 });
    const event = await delivered(body.body.communiqueId);
    expect(event.data.source).toEqual({ kind: 'html', name: null });
    expect(event.data.paragraphs.join('\n')).not.toMatch(/<|cookie|Suggest To A Friend/i);
    const again = await postFile(page, 'visite.html', 'text/html').expect(200);
    expect(again.body).toMatchObject({ communiqueId: body.body.communiqueId, duplicate: true });

    const hostile = readFileSync(path.join(__dirname, '../../normalise/html/fixtures/piege-imbrique.html'));
    expect((await postFile(hostile, 'piege.html', 'text/html').expect(422)).body.message).toMatch(/trop complexe/);
  });

  it('answers 413 for a file over 5 MB', async () => {
    const response = await postFile(Buffer.alloc(5 * 1024 * 1024 + 1, 'a'), 'gros.txt').expect(413);
    expect(response.body).toEqual({ statusCode: 413, message: 'Fichier trop volumineux : 5 Mo au plus.' });
  });

  it('answers 400 for empty and binary input, 422 for page chrome alone; nothing is stored', async () => {
    const before = await ingestionDb().query(`SELECT count(*)::int AS n FROM ingestion.communique`);
    expect((await postText('').expect(400)).body).toEqual({ statusCode: 400, message: 'Le communiqué est vide.' });
    await postText(' \n\n \t').expect(400);
    await postFile(Buffer.alloc(0), 'vide.txt').expect(400);
    expect((await postFile(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]), 'image.txt').expect(400)).body.message).toContain('octets nuls');
    expect((await postText(Buffer.from('Le consulat sera fermé.', 'latin1'), 'text/plain; charset=utf-8').expect(400)).body.message).toContain('UTF-8');
    await postText(Buffer.from('Le consulat\u0000 sera fermé.')).expect(400);
    await postFile(Buffer.from('Accueil | Presse | Contact\n\nSuggest To A Friend\n\u00a0Print'), 'chrome.txt').expect(422);
    await http().post('/api/ingestion/communiques').set(auth).field('source', 'cli').expect(400);
    expect(await ingestionDb().query(`SELECT count(*)::int AS n FROM ingestion.communique`)).toEqual(before);
  });
});
