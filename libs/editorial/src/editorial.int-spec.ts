import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { articleApprovedV1, createEvent, parseEventJson, type EventOf } from '@newsroom/contracts';
import { HEADERS, MessagingModule, TRANSPORT, type Transport } from '@newsroom/messaging';
import { createTestDatabase, waitFor, type TestDatabase } from '@newsroom/messaging/testing';
import { ConfigModule, SESSION_COOKIE, type BaseConfig } from '@newsroom/platform';
import { testConfig } from '@newsroom/platform/testing';
import { load } from 'cheerio';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { hashPassword } from './accounts/password';
import { InitialAdministrator } from './accounts/initial-administrator';
import { EditorialModule } from './editorial.module';

const ADMIN_PASSWORD = 'mot-de-passe-admin-2026';
const ADMIN_EMAIL = 'admin@newsroom.local';
const GENERIC_401 = 'Wrong email or password.';

/** The editorial module as a process runs it: real PostgreSQL, migrations, local delivery, HTTP on top. */
async function startEditorial(config: BaseConfig): Promise<NestExpressApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [ConfigModule.forRoot(config), MessagingModule.forRoot({ transport: 'local', outboxPollMs: 50 }), EditorialModule],
  }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
  // As createHttpApp does: the client address comes from X-Forwarded-For sent by a local proxy (here, the test).
  app.set('trust proxy', 'loopback');
  await app.init();
  return app;
}

function communique(title: string, overrides: Partial<EventOf<'ingestion.communique.received'>['data']> = {}) {
  const communiqueId = randomUUID();
  return createEvent(
    'ingestion.communique.received',
    {
      communiqueId,
      source: { kind: 'text', name: null },
      checksum: 'b'.repeat(64),
      title,
      titleGenerated: false,
      publishedOn: '2020-07-16',
      section: 'Actualités',
      language: 'fr',
      paragraphs: [`Premier paragraphe de ${title}.`, 'Second paragraphe.'],
      receivedAt: new Date().toISOString(),
      ...overrides,
    },
    { aggregateId: communiqueId },
  );
}

const setCookies = (res: request.Response): string[] => {
  const header = res.headers['set-cookie'] as unknown;
  return Array.isArray(header) ? header : typeof header === 'string' ? [header] : [];
};
const sessionCookieOf = (res: request.Response) => setCookies(res).find((c) => c.startsWith(`${SESSION_COOKIE}=`));
const cookiePair = (res: request.Response) => (sessionCookieOf(res) ?? '').split(';')[0];

describe('editorial service (real PostgreSQL, local delivery)', () => {
  let db: TestDatabase;
  let config: BaseConfig;
  let app: NestExpressApplication;
  let server: ReturnType<NestExpressApplication['getHttpServer']>;
  let dataSource: DataSource;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    db = await createTestDatabase('editorial_test');
    config = testConfig({ ADMIN_PASSWORD, DATABASE_URL: db.url, SITE_NAME: 'Ambassade de France' });
    app = await startEditorial(config);
    server = app.getHttpServer();
    dataSource = app.get<DataSource>(getDataSourceToken('editorial'));
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  // Each scenario signs in from its own address, so the per-address throttle of one does not touch another.
  let lastAddress = 0;
  const newAddress = () => `10.0.${Math.floor(++lastAddress / 250)}.${(lastAddress % 250) + 1}`;

  const signIn = (email: string, password: string, from = newAddress()) =>
    request(server).post('/api/editorial/session').set('X-Forwarded-For', from).send({ email, password });

  async function createAccount(role: 'contributor' | 'editor' | 'admin', name: string): Promise<{ id: string; email: string; password: string; token: string }> {
    const id = randomUUID();
    const email = `${role}-${randomUUID().slice(0, 8)}@example.org`;
    const password = `secret-${randomUUID()}`;
    await dataSource.query(`INSERT INTO editorial.user_account (id, email, name, role, password_hash) VALUES ($1, $2, $3, $4, $5)`, [
      id,
      email,
      name,
      role,
      await hashPassword(password),
    ]);
    const res = await signIn(email, password).expect(200);
    return { id, email, password, token: res.body.token };
  }

  /** Hands an event to the module as the broker would: through the transport, the consumer, the inbox. */
  async function deliver(event: EventOf<'ingestion.communique.received'>): Promise<void> {
    await app.get<Transport>(TRANSPORT).publish([
      {
        topic: 'ingestion.communique',
        key: event.aggregateId,
        value: JSON.stringify(event),
        headers: { [HEADERS.eventType]: event.type, [HEADERS.eventVersion]: String(event.version), [HEADERS.correlationId]: event.correlationId },
      },
    ]);
  }

  async function draftOf(communiqueId: string, token: string) {
    return waitFor(`the draft of ${communiqueId}`, async () => {
      const res = await request(server).get(`/api/editorial/articles?communiqueId=${communiqueId}`).set('Authorization', `Bearer ${token}`).expect(200);
      return res.body.articles.length === 1 && res.body.articles[0];
    });
  }

  const approvedEvents = async (articleId: string) =>
    (await dataSource.query(`SELECT event_type, message_key, topic, payload FROM editorial.outbox WHERE message_key = $1 ORDER BY seq`, [articleId])) as {
      event_type: string;
      message_key: string;
      topic: string;
      payload: string;
    }[];

  describe('the first administrator', () => {
    it('is created on the first start, once, with ADMIN_PASSWORD, and signs in', async () => {
      const admin = app.get(InitialAdministrator);
      expect(admin.created).toEqual({ email: ADMIN_EMAIL, password: null });
      expect(admin.loginHint('https://presse.example.org')).toEqual([
        `Administrator created: sign in at https://presse.example.org/admin as ${ADMIN_EMAIL} with the password set in ADMIN_PASSWORD`,
      ]);
      const rows = await dataSource.query(`SELECT email, name, role, password_hash FROM editorial.user_account`);
      expect(rows).toEqual([{ email: ADMIN_EMAIL, name: 'Administrateur', role: 'admin', password_hash: expect.stringMatching(/^scrypt\$32768\$8\$1\$/) }]);
      expect(rows[0].password_hash).not.toContain(ADMIN_PASSWORD);
      await signIn(ADMIN_EMAIL, ADMIN_PASSWORD).expect(200);
    });

    it('is not created again by a second start on the same database', async () => {
      const second = await startEditorial(config);
      try {
        expect(second.get(InitialAdministrator).created).toBeNull();
        expect(second.get(InitialAdministrator).loginHint()).toEqual([]);
      } finally {
        await second.close();
      }
      expect(await dataSource.query(`SELECT count(*)::int AS n FROM editorial.user_account`)).toEqual([{ n: 1 }]);
    });

    it('generates and shows a password when ADMIN_PASSWORD is unset, and replicas racing on an empty table create one administrator', async () => {
      const other = await createTestDatabase('editorial_test');
      const generated = testConfig({ DATABASE_URL: other.url, ADMIN_EMAIL: 'Chef@Example.org' });
      const first = await startEditorial(generated);
      const second = await startEditorial(generated);
      try {
        const created = first.get(InitialAdministrator).created;
        expect(created).toEqual({ email: 'chef@example.org', password: expect.stringMatching(/^[A-Za-z0-9]{20}$/) });
        expect(second.get(InitialAdministrator).created).toBeNull();
        const password = created?.password as string;
        expect(first.get(InitialAdministrator).loginHint('http://localhost:3000')).toEqual([
          `Administrator created: sign in at http://localhost:3000/admin as chef@example.org with password ${password}  (shown once; set ADMIN_PASSWORD to choose it)`,
        ]);
        await request(first.getHttpServer()).post('/api/editorial/session').send({ email: 'CHEF@example.org ', password }).expect(200);

        const firstDb = first.get<DataSource>(getDataSourceToken('editorial'));
        await firstDb.query(`DELETE FROM editorial.user_account`);
        const replicas = [first, second, first, second].map((replica) => replica.get(InitialAdministrator));
        const results = await Promise.all(replicas.map((replica) => replica.ensure()));
        expect(results.filter((result) => result !== null)).toEqual([{ email: 'chef@example.org', password: expect.any(String) }]);
        expect(await firstDb.query(`SELECT email, role FROM editorial.user_account`)).toEqual([{ email: 'chef@example.org', role: 'admin' }]);
      } finally {
        await Promise.all([first.close(), second.close()]);
        await other.drop();
      }
    });
  });

  describe('sessions', () => {
    it('signs in with JSON: the token, its CSRF token, the expiry, the user, and an HttpOnly cookie', async () => {
      const before = Date.now();
      const res = await signIn(ADMIN_EMAIL, ADMIN_PASSWORD).expect(200);
      expect(res.body).toEqual({
        token: expect.stringMatching(/^[\w-]+\.[\w-]{43}$/),
        csrfToken: expect.stringMatching(/^[0-9a-f]{64}$/),
        expiresAt: expect.any(String),
        user: { id: expect.any(String), email: ADMIN_EMAIL, name: 'Administrateur', role: 'admin' },
      });
      const after = Date.now();
      // The token's expiry, in whole seconds: twelve hours after the sign-in.
      expect(Date.parse(res.body.expiresAt)).toBeGreaterThan(before + 12 * 3600_000 - 1_000);
      expect(Date.parse(res.body.expiresAt)).toBeLessThanOrEqual(after + 12 * 3600_000);
      expect(sessionCookieOf(res)).toBe(`${SESSION_COOKIE}=${res.body.token}; Max-Age=43200; Path=/; HttpOnly; SameSite=Lax`);

      const me = await request(server).get('/api/editorial/session').set('Authorization', `Bearer ${res.body.token}`).expect(200);
      expect(me.body).toEqual({ user: res.body.user, csrfToken: res.body.csrfToken });
      const byCookie = await request(server).get('/api/editorial/session').set('Cookie', cookiePair(res)).expect(200);
      expect(byCookie.body.user.email).toBe(ADMIN_EMAIL);
    });

    it('signs in with a form too, whatever the case and spaces around the email', async () => {
      const res = await request(server)
        .post('/api/editorial/session')
        .set('X-Forwarded-For', newAddress())
        .type('form')
        .send({ email: '  Admin@Newsroom.Local ', password: ADMIN_PASSWORD })
        .expect(200);
      expect(res.body.user.email).toBe(ADMIN_EMAIL);
    });

    it('answers a wrong password and an unknown email alike, and bad input with 400', async () => {
      const wrong = await signIn(ADMIN_EMAIL, 'not-the-password').expect(401);
      const unknown = await signIn('nobody@example.org', ADMIN_PASSWORD).expect(401);
      expect(wrong.body).toEqual({ statusCode: 401, message: GENERIC_401, error: 'Unauthorized' });
      expect(unknown.body).toEqual(wrong.body);
      expect(sessionCookieOf(wrong)).toBeUndefined();

      const noPassword = await signIn(ADMIN_EMAIL, '').expect(400);
      expect(noPassword.body.message).toMatch(/password/);
      await request(server).post('/api/editorial/session').send({ email: 'not an email', password: 'x' }).expect(400);
      await request(server).post('/api/editorial/session').send({ email: ['a@b.org'], password: 'x' }).expect(400);
      await request(server).post('/api/editorial/session').expect(400);
    });

    it('refuses the 11th failure on one account from one address with 429 and Retry-After, even with the right password', async () => {
      const from = newAddress();
      for (let i = 0; i < 10; i++) await signIn(ADMIN_EMAIL, `guess-${i}`, from).expect(401);
      const blocked = await signIn(ADMIN_EMAIL, ADMIN_PASSWORD, from).expect(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(800);
      expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(900);
      expect(blocked.body).toEqual({ statusCode: 429, message: expect.stringMatching(/Too many failed sign-ins/) });
      // From elsewhere, the account is not locked.
      await signIn(ADMIN_EMAIL, ADMIN_PASSWORD, newAddress()).expect(200);
    });

    it('refuses an address after 50 failures on any accounts, and does not count its successful sign-ins', async () => {
      const from = newAddress();
      for (let i = 0; i < 12; i++) await signIn(ADMIN_EMAIL, ADMIN_PASSWORD, from).expect(200);
      for (let i = 0; i < 50; i++) await signIn(`guess-${i % 7}@example.org`, 'nope', from).expect(401);
      const blocked = await signIn(ADMIN_EMAIL, ADMIN_PASSWORD, from).expect(429);
      expect(blocked.headers['retry-after']).toBeDefined();
      await signIn(ADMIN_EMAIL, ADMIN_PASSWORD, newAddress()).expect(200);
    });

    it('signs out: the cookie is cleared', async () => {
      const res = await request(server).delete('/api/editorial/session').expect(204);
      expect(sessionCookieOf(res)).toBe(`${SESSION_COOKIE}=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax`);
      await request(server).get('/api/editorial/session').expect(401);
      await request(server).get('/api/editorial/session').set('Authorization', 'Bearer forged.token').expect(401);
    });
  });

  describe('drafts and approval', () => {
    let admin: string;
    let editor: { id: string; email: string; password: string; token: string };
    let contributor: { token: string };

    beforeAll(async () => {
      admin = (await signIn(ADMIN_EMAIL, ADMIN_PASSWORD).expect(200)).body.token;
      editor = await createAccount('editor', 'Claire Martin');
      contributor = await createAccount('contributor', 'Paul Durand');
    });

    it('opens one draft per communiqué, whatever the redeliveries', async () => {
      const event = communique('Visite du ministre à Lyon');
      await deliver(event);
      await deliver(event); // the same event again (redelivery): the inbox absorbs it
      const again = createEvent('ingestion.communique.received', event.data, { aggregateId: event.aggregateId }); // a new event, same communiqué
      await deliver(again);

      const draft = await draftOf(event.data.communiqueId, contributor.token);
      expect(draft).toEqual({
        id: expect.any(String),
        communiqueId: event.data.communiqueId,
        state: 'draft',
        title: 'Visite du ministre à Lyon',
        publishedOn: '2020-07-16',
        section: 'Actualités',
        language: 'fr',
        paragraphCount: 2,
        revision: 1,
        createdAt: expect.any(String),
        approvedAt: null,
        publishAt: null,
        nearDuplicateOf: null,
        tags: [],
        assigneeId: null,
        currentRevision: 1,
        isPublic: false,
        publishedRevision: null,
        stateReason: null,
        stateChangedAt: expect.any(String),
      });
      expect(await dataSource.query(`SELECT count(*)::int AS n FROM editorial.article WHERE communique_id = $1`, [event.data.communiqueId])).toEqual([{ n: 1 }]);
      // Both events were handled (the second one changed nothing), none was parked as a failure.
      expect(await dataSource.query(`SELECT count(*)::int AS n FROM editorial.inbox WHERE event_id = ANY($1)`, [[event.id, again.id]])).toEqual([{ n: 2 }]);
      expect(await dataSource.query(`SELECT count(*)::int AS n FROM editorial.dead_letter`)).toEqual([{ n: 0 }]);

      const full = await request(server).get(`/api/editorial/articles/${draft.id}`).set('Authorization', `Bearer ${contributor.token}`).expect(200);
      expect(full.body).toMatchObject({ id: draft.id, state: 'draft', titleGenerated: false, paragraphs: event.data.paragraphs, version: 1, approvedBy: null });
    });

    it('links a near-duplicate to the earlier draft, in the API and on the admin page, whichever event arrives first', async () => {
      const first = communique('Coupures d’eau rue des Tilleuls');
      await deliver(first);
      const earlier = await draftOf(first.data.communiqueId, contributor.token);
      const resend = communique('Coupures d’eau rue des Tilleuls (rectificatif)', { nearDuplicateOf: { communiqueId: first.data.communiqueId, similarity: 0.875 } });
      await deliver(resend);
      const draft = await draftOf(resend.data.communiqueId, contributor.token);
      const link = { articleId: earlier.id, communiqueId: first.data.communiqueId, similarity: 0.875 };
      expect(draft.nearDuplicateOf).toEqual(link);
      const full = await request(server).get(`/api/editorial/articles/${draft.id}`).set('Authorization', `Bearer ${contributor.token}`).expect(200);
      expect(full.body.nearDuplicateOf).toEqual(link);
      const original = await request(server).get(`/api/editorial/articles/${earlier.id}`).set('Authorization', `Bearer ${contributor.token}`).expect(200);
      expect(original.body.nearDuplicateOf).toBeNull();

      const login = await signIn(ADMIN_EMAIL, ADMIN_PASSWORD).expect(200);
      const page = await request(server).get(`/admin/articles/${draft.id}`).set('Cookie', cookiePair(login)).expect(200);
      expect(page.text).toContain('Ressemble à 88 % à « Coupures d’eau rue des Tilleuls », reçu le ');
      expect(page.text).toContain(`<a href="/admin/articles/${earlier.id}">voir</a>`);

      // The re-send's event first (two communiqués are keyed apart): the link waits for the earlier draft.
      const later = communique('Fermeture de la piscine');
      const correction = communique('Fermeture de la piscine (corrigé)', { nearDuplicateOf: { communiqueId: later.data.communiqueId, similarity: 0.7 } });
      await deliver(correction);
      const waiting = await draftOf(correction.data.communiqueId, contributor.token);
      expect(waiting.nearDuplicateOf).toEqual({ articleId: null, communiqueId: later.data.communiqueId, similarity: 0.7 });
      const pending = await request(server).get(`/admin/articles/${waiting.id}`).set('Cookie', cookiePair(login)).expect(200);
      expect(pending.text).toContain('Ressemble à 70 % à un communiqué reçu plus tôt');
      await deliver(later);
      const laterDraft = await draftOf(later.data.communiqueId, contributor.token);
      const linked = await request(server).get(`/api/editorial/articles/${waiting.id}`).set('Authorization', `Bearer ${contributor.token}`).expect(200);
      expect(linked.body.nearDuplicateOf).toEqual({ articleId: laterDraft.id, communiqueId: later.data.communiqueId, similarity: 0.7 });
    });

    it('lists newest first, filters by state, and checks its query', async () => {
      const older = communique('Plus ancien');
      const newer = communique('Plus récent');
      await deliver(older);
      await deliver(newer);
      await draftOf(newer.data.communiqueId, admin);
      const res = await request(server).get('/api/editorial/articles?state=draft').set('Authorization', `Bearer ${admin}`).expect(200);
      const titles = res.body.articles.map((a: { title: string }) => a.title);
      expect(titles.indexOf('Plus récent')).toBeLessThan(titles.indexOf('Plus ancien'));
      expect(res.body.articles.every((a: { state: string }) => a.state === 'draft')).toBe(true);
      const limited = await request(server).get('/api/editorial/articles?limit=1').set('Authorization', `Bearer ${admin}`).expect(200);
      expect(limited.body.articles).toHaveLength(1);

      await request(server).get('/api/editorial/articles').expect(401);
      await request(server).get('/api/editorial/articles?state=archived').set('Authorization', `Bearer ${admin}`).expect(400);
      await request(server).get('/api/editorial/articles?communiqueId=42').set('Authorization', `Bearer ${admin}`).expect(400);
      await request(server).get('/api/editorial/articles?limit=0').set('Authorization', `Bearer ${admin}`).expect(400);
      await request(server).get('/api/editorial/articles/not-a-uuid').set('Authorization', `Bearer ${admin}`).expect(400);
      await request(server).get(`/api/editorial/articles/${randomUUID()}`).set('Authorization', `Bearer ${admin}`).expect(404);
    });

    it('approves for editors only, once, with one editorial.article.approved in the outbox', async () => {
      const event = communique('Conférence de presse', { publishedOn: null, section: null });
      await deliver(event);
      const draft = await draftOf(event.data.communiqueId, editor.token);
      const url = `/api/editorial/articles/${draft.id}/approve`;

      await request(server).post(url).expect(401);
      await request(server).post(url).set('Authorization', `Bearer ${contributor.token}`).expect(403);
      await request(server).post(url).set('Authorization', `Bearer ${editor.token}`).send({ publishAt: 'demain' }).expect(400);
      await request(server).post(url).set('Authorization', `Bearer ${editor.token}`).send({ publishAt: '2030-01-01T09:00:00' }).expect(400); // no offset
      await request(server).post(url).set('Authorization', `Bearer ${editor.token}`).send({ publish_at: '2030-01-01T09:00:00Z' }).expect(400);
      expect(await approvedEvents(draft.id)).toEqual([]);

      const res = await request(server).post(url).set('Authorization', `Bearer ${editor.token}`).send({ publishAt: '2030-01-01T09:00:00+01:00' }).expect(200);
      expect(res.body).toMatchObject({ id: draft.id, state: 'approved', approvedBy: editor.id, publishAt: '2030-01-01T08:00:00.000Z', version: 2, revision: 1 });
      expect(res.body.publishedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/); // the day of approval, in Paris

      const rows = await approvedEvents(draft.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ event_type: 'editorial.article.approved', topic: 'editorial.article', message_key: draft.id });
      const approved = parseEventJson(rows[0].payload);
      expect(approved.type).toBe('editorial.article.approved');
      expect(articleApprovedV1.parse(approved.data)).toEqual({
        articleId: draft.id,
        communiqueId: event.data.communiqueId,
        revision: 1,
        title: 'Conférence de presse',
        publishedOn: res.body.publishedOn,
        section: null,
        language: 'fr',
        paragraphs: event.data.paragraphs,
        approvedBy: 'Claire Martin',
        approvedAt: res.body.approvedAt,
        publishAt: '2030-01-01T08:00:00.000Z',
      });
      expect(approved.aggregateId).toBe(draft.id);

      await request(server).post(url).set('Authorization', `Bearer ${admin}`).expect(409);
      await request(server).post(`/api/editorial/articles/${randomUUID()}/approve`).set('Authorization', `Bearer ${admin}`).expect(404);
      expect(await approvedEvents(draft.id)).toHaveLength(1);
      // The relay publishes it (here to no local consumer): nothing stays pending.
      await waitFor('the event published', async () => (await dataSource.query(`SELECT published_at FROM editorial.outbox WHERE message_key = $1`, [draft.id]))[0].published_at !== null);
    });

    it('gives two simultaneous approvals one success and one conflict', async () => {
      const event = communique('Deux clics');
      await deliver(event);
      const draft = await draftOf(event.data.communiqueId, admin);
      const url = `/api/editorial/articles/${draft.id}/approve`;
      const statuses = await Promise.all([admin, editor.token].map((token) => request(server).post(url).set('Authorization', `Bearer ${token}`).then((r) => r.status)));
      expect(statuses.sort()).toEqual([200, 409]);
      expect(await approvedEvents(draft.id)).toHaveLength(1);
    });

    it('wants the CSRF token on a cookie session’s approval, and takes it as header or field', async () => {
      const first = communique('Approuvé par cookie');
      const second = communique('Approuvé par champ');
      await deliver(first);
      await deliver(second);
      const login = await signIn(editor.email, editor.password).expect(200);
      const cookie = cookiePair(login);
      const one = await draftOf(first.data.communiqueId, admin);
      const two = await draftOf(second.data.communiqueId, admin);

      await request(server).post(`/api/editorial/articles/${one.id}/approve`).set('Cookie', cookie).expect(403);
      await request(server).post(`/api/editorial/articles/${one.id}/approve`).set('Cookie', cookie).set('X-CSRF-Token', 'f'.repeat(64)).expect(403);
      expect(await approvedEvents(one.id)).toEqual([]);
      await request(server).post(`/api/editorial/articles/${one.id}/approve`).set('Cookie', cookie).set('X-CSRF-Token', login.body.csrfToken).expect(200);
      await request(server).post(`/api/editorial/articles/${two.id}/approve`).set('Cookie', cookie).send({ _csrf: login.body.csrfToken }).expect(200);
    });
  });

  describe('the admin pages', () => {
    it('shows the sign-in form to a visitor, refuses a wrong password with the form again, and signs in', async () => {
      const page = await request(server).get('/admin').expect(200);
      expect(page.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      const $ = load(page.text);
      expect($('html').attr('lang')).toBe('fr');
      expect($('form[action="/admin/login"] input[name="email"]').length).toBe(1);
      expect($('form[action="/admin/login"] input[name="password"][type="password"]').length).toBe(1);
      expect($('title').text()).toBe('Connexion | Ambassade de France');

      const from = newAddress();
      const wrong = await request(server).post('/admin/login').set('X-Forwarded-For', from).type('form').send({ email: ADMIN_EMAIL, password: 'faux' }).expect(401);
      expect(load(wrong.text)('[role="alert"]').text()).toBe('Adresse e-mail ou mot de passe incorrect.');
      expect(load(wrong.text)('input[name="email"]').attr('value')).toBe(ADMIN_EMAIL);
      expect(sessionCookieOf(wrong)).toBeUndefined();
      const empty = await request(server).post('/admin/login').set('X-Forwarded-For', from).type('form').send({ email: '', password: '' }).expect(400);
      expect(load(empty.text)('[role="alert"]').text()).toMatch(/adresse e-mail valide/);

      const ok = await request(server).post('/admin/login').set('X-Forwarded-For', from).type('form').send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }).expect(303);
      expect(ok.headers.location).toBe('/admin');
      expect(sessionCookieOf(ok)).toMatch(/HttpOnly; SameSite=Lax$/);
    });

    it('throttles the form like the API, in French', async () => {
      const from = newAddress();
      for (let i = 0; i < 10; i++) await request(server).post('/admin/login').set('X-Forwarded-For', from).type('form').send({ email: ADMIN_EMAIL, password: `faux-${i}` }).expect(401);
      const blocked = await request(server).post('/admin/login').set('X-Forwarded-For', from).type('form').send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }).expect(429);
      expect(blocked.headers['retry-after']).toBeDefined();
      expect(load(blocked.text)('[role="alert"]').text()).toMatch(/^Trop de tentatives infructueuses\. Réessayez dans 15 minutes\.$/);
    });

    it('lists the drafts, shows one, and lets an editor approve it with the form', async () => {
      const event = communique('<script>alert(1)</script> Sommet franco-allemand', { publishedOn: '2024-05-01', section: 'Europe' });
      await deliver(event);
      const adminToken = (await signIn(ADMIN_EMAIL, ADMIN_PASSWORD).expect(200)).body.token;
      const draft = await draftOf(event.data.communiqueId, adminToken);

      const from = newAddress();
      const login = await request(server).post('/admin/login').set('X-Forwarded-For', from).type('form').send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }).expect(303);
      const cookie = cookiePair(login);

      const list = await request(server).get('/admin').set('Cookie', cookie).expect(200);
      expect(list.text).not.toContain('<script>alert(1)</script>');
      const $ = load(list.text);
      const item = $('#articles li').filter((_, li) => $(li).find('h2').text() === event.data.title);
      expect(item.length).toBe(1);
      expect(item.find('.meta').first().text()).toBe('1er mai 2024 · Europe');
      expect(item.find('h2 a').attr('href')).toBe(`/admin/articles/${draft.id}`);
      const form = item.find(`form[action="/admin/articles/${draft.id}/approve"]`);
      expect(form.find('button').text()).toBe('Approuver');
      const csrf = form.find('input[name="_csrf"]').attr('value') as string;
      expect(csrf).toMatch(/^[0-9a-f]{64}$/);
      expect($('form[action="/admin/logout"] button').text()).toBe('Se déconnecter');

      const page = await request(server).get(`/admin/articles/${draft.id}`).set('Cookie', cookie).expect(200);
      const $page = load(page.text);
      expect($page('article h1').text()).toBe(event.data.title);
      expect($page('article > p').map((_, p) => $page(p).text()).get().slice(-2)).toEqual(event.data.paragraphs);
      expect($page(`form[action="/admin/articles/${draft.id}/approve"]`).length).toBe(1);
      await request(server).get(`/admin/articles/${randomUUID()}`).set('Cookie', cookie).expect(404);
      await request(server).get('/admin/articles/nope').set('Cookie', cookie).expect(404);

      const forged = await request(server).post(`/admin/articles/${draft.id}/approve`).set('Cookie', cookie).type('form').send({}).expect(403);
      expect(forged.headers['content-type']).toMatch(/^text\/html/);
      expect(load(forged.text)('h1').text()).toBe('Action refusée');
      expect(await approvedEvents(draft.id)).toEqual([]);

      const approved = await request(server).post(`/admin/articles/${draft.id}/approve`).set('Cookie', cookie).type('form').send({ _csrf: csrf }).expect(303);
      expect(approved.headers.location).toBe(`/admin?etat=approved&approuve=${draft.id}`);
      expect(await approvedEvents(draft.id)).toHaveLength(1);

      const after = load((await request(server).get(approved.headers.location).set('Cookie', cookie).expect(200)).text);
      expect(after('[role="status"]').text()).toContain('est approuvé');
      // The approved tab lists it; the drafts tab no longer does.
      expect(after('#articles h2').map((_, h) => after(h).text()).get()).toContain(event.data.title);
      const drafts = load((await request(server).get('/admin?etat=draft').set('Cookie', cookie).expect(200)).text);
      expect(drafts('#articles h2').map((_, h) => drafts(h).text()).get()).not.toContain(event.data.title);

      const twice = await request(server).post(`/admin/articles/${draft.id}/approve`).set('Cookie', cookie).type('form').send({ _csrf: csrf }).expect(409);
      expect(load(twice.text)('[role=alert]').text()).toContain('est impossible : l’article est à l’état « Approuvé »');
    });

    it('shows contributors the drafts without approve buttons, and refuses their approval in HTML', async () => {
      const event = communique('Réservé aux éditeurs');
      await deliver(event);
      const email = `contrib-${randomUUID().slice(0, 8)}@example.org`;
      await dataSource.query(`INSERT INTO editorial.user_account (id, email, name, role, password_hash) VALUES ($1, $2, 'Lou', 'contributor', $3)`, [
        randomUUID(),
        email,
        await hashPassword('contributeur-secret'),
      ]);
      const login = await request(server).post('/admin/login').set('X-Forwarded-For', newAddress()).type('form').send({ email, password: 'contributeur-secret' }).expect(303);
      const cookie = cookiePair(login);
      const token = (await signIn(email, 'contributeur-secret').expect(200)).body.token;
      const draft = await draftOf(event.data.communiqueId, token);

      const $ = load((await request(server).get('/admin').set('Cookie', cookie).expect(200)).text);
      expect($('#articles h2').map((_, h) => $(h).text()).get()).toContain('Réservé aux éditeurs');
      expect($('form[action$="/approve"]').length).toBe(0);
      expect($('main').text()).toContain('pas de les approuver');

      const csrf = $('form[action="/admin/logout"] input[name="_csrf"]').attr('value') as string;
      const refused = await request(server).post(`/admin/articles/${draft.id}/approve`).set('Cookie', cookie).type('form').send({ _csrf: csrf }).expect(403);
      expect(load(refused.text)('[role=alert]').text()).toBe('« Approuver » demande le rôle éditeur.');
    });

    it('sends an expired or missing session to the sign-in form, keeping the page to come back to', async () => {
      const page = await request(server).get(`/admin/articles/${randomUUID()}`).set('Cookie', `${SESSION_COOKIE}=expired.or-forged`).expect(200);
      const next = load(page.text)('form[action="/admin/login"] input[name="next"]').attr('value');
      expect(next).toMatch(/^\/admin\/articles\/[0-9a-f-]{36}$/);

      const post = await request(server).post(`/admin/articles/${randomUUID()}/approve`).type('form').send({}).expect(401);
      expect(load(post.text)('form[action="/admin/login"]').length).toBe(1);

      const back = await request(server)
        .post('/admin/login')
        .set('X-Forwarded-For', newAddress())
        .type('form')
        .send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD, next })
        .expect(303);
      expect(back.headers.location).toBe(next);
      const elsewhere = await request(server)
        .post('/admin/login')
        .set('X-Forwarded-For', newAddress())
        .type('form')
        .send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD, next: '//evil.example/admin' })
        .expect(303);
      expect(elsewhere.headers.location).toBe('/admin');
    });

    it('signs out with the form (CSRF checked) and leaves the operators’ /admin/dead-letters alone', async () => {
      const login = await request(server).post('/admin/login').set('X-Forwarded-For', newAddress()).type('form').send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }).expect(303);
      const cookie = cookiePair(login);
      const csrf = load((await request(server).get('/admin').set('Cookie', cookie).expect(200)).text)('form[action="/admin/logout"] input[name="_csrf"]').attr('value');
      await request(server).post('/admin/logout').set('Cookie', cookie).type('form').send({}).expect(403);
      const out = await request(server).post('/admin/logout').set('Cookie', cookie).type('form').send({ _csrf: csrf }).expect(303);
      expect(out.headers.location).toBe('/admin');
      expect(sessionCookieOf(out)).toMatch(/^newsroom_session=; Max-Age=0/);

      // The messaging module's operator endpoint still answers, in JSON, under /admin.
      const deadLetters = await request(server).get('/admin/dead-letters').expect(403);
      expect(deadLetters.headers['content-type']).toMatch(/json/);
    });

    it('documents the API in OpenAPI, and not the HTML pages', () => {
      const paths = Object.keys(SwaggerModule.createDocument(app, new DocumentBuilder().build()).paths);
      expect(paths).toEqual(
        expect.arrayContaining(['/api/editorial/session', '/api/editorial/articles', '/api/editorial/articles/{id}', '/api/editorial/articles/{id}/{action}']),
      );
      expect(paths.filter((p) => p.startsWith('/admin') && !p.startsWith('/admin/dead-letters'))).toEqual([]);
    });
  });
});
