import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { getDataSourceToken } from '@nestjs/typeorm';
import { createEvent, parseEventJson, type AnyEvent } from '@newsroom/contracts';
import { HEADERS, TRANSPORT, type Transport } from '@newsroom/messaging';
import { waitFor } from '@newsroom/messaging/testing';
import { ManualClock } from '@newsroom/platform';
import { startOnEmbeddedDatabase, type EmbeddedApp } from '@newsroom/platform/testing';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../accounts/password';
import { EditorialModule } from '../editorial.module';

const ADMIN_PASSWORD = 'mot-de-passe-admin-2026';

/**
 * The review workflow through the HTTP API, on the embedded database, at instants the test chooses:
 * every transition, the roles and the four-eyes rule on the server, revisions and their differences,
 * the conflict of two editors, comments, history, the audit export, the sections and the events.
 */
describe('review workflow (embedded database, manual clock)', () => {
  const clock = new ManualClock('2026-03-02T08:00:00Z');
  let embedded: EmbeddedApp;
  let app: INestApplication;
  let server: ReturnType<INestApplication['getHttpServer']>;
  let dataSource: DataSource;
  const people: Record<'admin' | 'chief' | 'editor' | 'otherEditor' | 'contributor', { id: string; auth: string; name: string }> = {} as never;

  beforeAll(async () => {
    embedded = await startOnEmbeddedDatabase([EditorialModule], { env: { ADMIN_PASSWORD }, clock });
    app = embedded.app;
    server = app.getHttpServer();
    dataSource = app.get<DataSource>(getDataSourceToken('editorial'));
    const admin = await request(server).post('/api/editorial/session').send({ email: 'admin@newsroom.local', password: ADMIN_PASSWORD }).expect(200);
    const [adminRow] = await dataSource.query(`SELECT id FROM editorial.user_account WHERE email = 'admin@newsroom.local'`);
    people.admin = { id: adminRow.id, auth: `Bearer ${admin.body.token}`, name: 'Administrateur' };
    for (const [key, role, name] of [
      ['chief', 'admin', 'Hélène Chef'],
      ['editor', 'editor', 'Claire Martin'],
      ['otherEditor', 'editor', 'Marc Petit'],
      ['contributor', 'contributor', 'Paul Durand'],
    ] as const) {
      const id = randomUUID();
      const email = `${key.toLowerCase()}@example.org`;
      await dataSource.query(`INSERT INTO editorial.user_account (id, email, name, role, password_hash) VALUES ($1, $2, $3, $4, $5)`, [id, email, name, role, await hashPassword('secret-password-1')]);
      const login = await request(server).post('/api/editorial/session').send({ email, password: 'secret-password-1' }).expect(200);
      people[key] = { id, auth: `Bearer ${login.body.token}`, name };
    }
  });

  afterAll(() => embedded?.close());

  async function receive(title: string, paragraphs = [`Premier paragraphe de ${title}.`, 'Second paragraphe.']): Promise<{ id: string; version: number }> {
    const communiqueId = randomUUID();
    const event = createEvent(
      'ingestion.communique.received',
      {
        communiqueId,
        source: { kind: 'text', name: null },
        checksum: 'e'.repeat(64),
        title,
        titleGenerated: false,
        publishedOn: '2026-03-01',
        section: 'Relations bilatérales',
        language: 'fr',
        paragraphs,
        receivedAt: clock.now().toISOString(),
        tags: [{ kind: 'country', name: 'Chine', mentions: 2 }],
      },
      { aggregateId: communiqueId, occurredAt: clock.now() },
    );
    await deliver('ingestion.communique', event);
    return waitFor('the draft', async () => {
      const res = await request(server).get(`/api/editorial/articles?communiqueId=${communiqueId}`).set('Authorization', people.editor.auth).expect(200);
      const draft = res.body.articles[0];
      return draft ? { id: draft.id as string, version: 1 } : undefined;
    });
  }

  async function deliver(topic: string, event: AnyEvent): Promise<void> {
    await app.get<Transport>(TRANSPORT).publish([{ topic, key: event.aggregateId, value: JSON.stringify(event), headers: { [HEADERS.eventType]: event.type } }]);
  }

  async function eventsOf(articleId: string): Promise<AnyEvent[]> {
    const rows: Array<{ payload: string }> = await dataSource.query(`SELECT payload FROM editorial.outbox WHERE message_key = $1 ORDER BY seq`, [articleId]);
    return rows.map((row) => parseEventJson(typeof row.payload === 'string' ? row.payload : JSON.stringify(row.payload)));
  }

  const get = (path: string, who: keyof typeof people) => request(server).get(path).set('Authorization', people[who].auth);
  const post = (path: string, who: keyof typeof people, body: object = {}) => request(server).post(path).set('Authorization', people[who].auth).send(body);
  const put = (path: string, who: keyof typeof people, body: object) => request(server).put(path).set('Authorization', people[who].auth).send(body);
  const article = async (id: string) => (await get(`/api/editorial/articles/${id}`, 'editor').expect(200)).body;

  it('takes a draft through review, changes requested, approval with an embargo, rescheduling and publication', async () => {
    const { id } = await receive('Visite du ministre à Pékin');
    const draft = await article(id);
    expect(draft).toMatchObject({ state: 'draft', tags: ['Chine'], currentRevision: 1, version: 1 });
    expect((await get(`/api/editorial/articles/${id}/actions`, 'contributor').expect(200)).body.actions).toEqual(['edit', 'submit', 'comment']);

    // The contributor edits (revision 2) and submits.
    const edit = {
      expectedVersion: 1,
      title: 'Visite du ministre à Pékin et à Shanghai',
      section: 'Relations bilatérales',
      tags: ['Chine', 'Shanghai'],
      paragraphs: ['Premier paragraphe, revu.', 'Second paragraphe.'],
    };
    const saved = (await put(`/api/editorial/articles/${id}`, 'contributor', edit).expect(200)).body;
    expect(saved).toMatchObject({ state: 'draft', currentRevision: 2, version: 2, title: edit.title });
    await post(`/api/editorial/articles/${id}/submit`, 'contributor', { expectedVersion: 2 }).expect(200);
    // A contributor never decides; a decision needs its reason.
    await post(`/api/editorial/articles/${id}/approve`, 'contributor').expect(403);
    await post(`/api/editorial/articles/${id}/request-changes`, 'editor', {}).expect(400);
    const changes = (await post(`/api/editorial/articles/${id}/request-changes`, 'editor', { reason: 'Préciser la date du voyage.' }).expect(200)).body;
    expect(changes).toMatchObject({ state: 'changes_requested', stateReason: 'Préciser la date du voyage.' });
    await put(`/api/editorial/articles/${id}`, 'contributor', { ...edit, expectedVersion: changes.version, paragraphs: ['Premier paragraphe, revu, daté du 2 mars.', 'Second paragraphe.'] }).expect(200);
    const submitted = (await post(`/api/editorial/articles/${id}/submit`, 'contributor').expect(200)).body;
    expect(submitted.state).toBe('in_review');

    // Approval for tomorrow 9:00 in Paris (8:00 UTC), then moved to 10:00.
    clock.advance(60_000);
    const approved = (await post(`/api/editorial/articles/${id}/approve`, 'editor', { publishAt: '2026-03-03T09:00:00+01:00' }).expect(200)).body;
    expect(approved).toMatchObject({ state: 'approved', publishAt: '2026-03-03T08:00:00.000Z', revision: 1 });
    await post(`/api/editorial/articles/${id}/approve`, 'otherEditor').expect(409);
    await post(`/api/editorial/articles/${id}/reschedule`, 'editor', { publishAt: '2026-03-03T10:00:00+01:00' }).expect(200);
    const events = await eventsOf(id);
    expect(events.map((e) => e.type)).toEqual(['editorial.article.approved', 'editorial.article.rescheduled']);
    expect(events[0].data).toMatchObject({ revision: 1, title: edit.title, publishAt: '2026-03-03T08:00:00.000Z', approvedBy: 'Claire Martin', approvedAt: '2026-03-02T08:01:00.000Z' });
    expect(events[1].data).toMatchObject({ revision: 1, publishAt: '2026-03-03T09:00:00.000Z', rescheduledBy: 'Claire Martin' });

    // Publishing reports it live: the editors see it published.
    await deliver('publishing.article', createEvent('publishing.article.published', {
      articleId: id, revision: 1, slug: 'visite-du-ministre', url: 'http://localhost:3000/articles/visite-du-ministre', title: edit.title,
      summary: 'Premier paragraphe.', publishedOn: '2026-03-01', section: 'Relations bilatérales', language: 'fr', publishedAt: '2026-03-03T09:00:00.000Z',
    }, { aggregateId: id }));
    await waitFor('published', async () => ((await article(id)).state === 'published' ? true : undefined));
    expect(await article(id)).toMatchObject({ isPublic: true, publishedRevision: 1 });
    await post(`/api/editorial/articles/${id}/reschedule`, 'editor', { publishAt: null }).expect(409);

    // The history holds every action with its actor, in order.
    const history = (await get(`/api/editorial/articles/${id}/history`, 'contributor').expect(200)).body.history;
    expect(history.map((h: { action: string }) => h.action)).toEqual(['receive', 'edit', 'submit', 'request_changes', 'edit', 'submit', 'approve', 'reschedule']);
    expect(history[6]).toMatchObject({ actorName: 'Claire Martin', before: { state: 'in_review' }, after: { state: 'approved' } });
  });

  it('corrects a published article through review again, with a note for readers, and withdraws it', async () => {
    const { id } = await receive('Journée portes ouvertes');
    await post(`/api/editorial/articles/${id}/approve`, 'editor').expect(200);
    await deliver('publishing.article', createEvent('publishing.article.published', {
      articleId: id, revision: 1, slug: 'journee-portes-ouvertes', url: 'http://localhost:3000/articles/journee-portes-ouvertes', title: 'Journée portes ouvertes',
      summary: 'Premier paragraphe.', publishedOn: '2026-03-01', section: null, language: 'fr', publishedAt: clock.now().toISOString(),
    }, { aggregateId: id }));
    const live = await waitFor('published', async () => { const a = await article(id); return a.state === 'published' ? a : undefined; });

    const correction = (await put(`/api/editorial/articles/${id}`, 'contributor', {
      expectedVersion: live.version, title: 'Journée portes ouvertes', section: null, tags: [], paragraphs: ['Le samedi 14 mars, et non le 7.', 'Second paragraphe.'],
    }).expect(200)).body;
    expect(correction).toMatchObject({ state: 'draft', isPublic: true, publishedRevision: 1 });
    await post(`/api/editorial/articles/${id}/approve`, 'editor', {}).expect(400);
    await post(`/api/editorial/articles/${id}/approve`, 'editor', { correctionNote: 'La date de la journée a été corrigée.' }).expect(200);
    const [, corrected] = await eventsOf(id);
    expect(corrected.type).toBe('editorial.article.corrected');
    expect(corrected.data).toMatchObject({ revision: 2, correctionNote: 'La date de la journée a été corrigée.', paragraphs: ['Le samedi 14 mars, et non le 7.', 'Second paragraphe.'] });

    await post(`/api/editorial/articles/${id}/withdraw`, 'contributor', { reason: 'Annulé' }).expect(403);
    const withdrawn = (await post(`/api/editorial/articles/${id}/withdraw`, 'editor', { reason: 'La journée est annulée.' }).expect(200)).body;
    expect(withdrawn).toMatchObject({ state: 'withdrawn', stateReason: 'La journée est annulée.' });
    expect((await eventsOf(id)).at(-1)).toMatchObject({ type: 'editorial.article.withdrawn', data: { reason: 'La journée est annulée.', withdrawnBy: 'Claire Martin' } });
    // Reopened, it is a draft again.
    expect((await post(`/api/editorial/articles/${id}/reopen`, 'editor').expect(200)).body.state).toBe('draft');
  });

  it('applies the four-eyes rule: an editor who edited the text cannot approve it, another can', async () => {
    const { id } = await receive('Conférence de presse');
    await put(`/api/editorial/articles/${id}`, 'editor', { expectedVersion: 1, title: 'Conférence de presse du 5 mars', section: null, tags: [], paragraphs: ['Texte revu.'] }).expect(200);
    const refused = await post(`/api/editorial/articles/${id}/approve`, 'editor').expect(403);
    expect(refused.body.message).toContain('quatre yeux');
    expect((await get(`/api/editorial/articles/${id}/actions`, 'editor').expect(200)).body.actions).not.toContain('approve');
    await post(`/api/editorial/articles/${id}/approve`, 'otherEditor').expect(200);
  });

  it('never loses an update: the second of two editors saving the same version gets 409 with the current text', async () => {
    const { id } = await receive('Exposition de calligraphie');
    const base = { section: null, tags: [], paragraphs: ['Un.'] };
    await put(`/api/editorial/articles/${id}`, 'editor', { ...base, expectedVersion: 1, title: 'Titre de Claire' }).expect(200);
    const conflict = await put(`/api/editorial/articles/${id}`, 'otherEditor', { ...base, expectedVersion: 1, title: 'Titre de Marc' }).expect(409);
    expect(conflict.body.message).toMatch(/modifié entre-temps/);
    expect(conflict.body.current).toMatchObject({ title: 'Titre de Claire', version: 2, currentRevision: 2 });
    expect((await article(id)).title).toBe('Titre de Claire');
    // Decisions on a stale version are conflicts too.
    await post(`/api/editorial/articles/${id}/submit`, 'otherEditor', { expectedVersion: 1 }).expect(409);
  });

  it('keeps every revision, shows the difference between any two and with the text as received', async () => {
    const { id } = await receive('Concert du Nouvel An', ['Le concert aura lieu le 10 janvier.', 'Entrée libre.']);
    await put(`/api/editorial/articles/${id}`, 'contributor', { expectedVersion: 1, title: 'Concert du Nouvel An', section: null, tags: ['Musique'], paragraphs: ['Le concert aura lieu le 12 janvier.', 'Entrée libre.'] }).expect(200);
    await put(`/api/editorial/articles/${id}`, 'contributor', { expectedVersion: 2, title: 'Concert du Nouvel An à la résidence', section: null, tags: ['Musique'], paragraphs: ['Le concert aura lieu le 12 janvier.', 'Entrée libre.', 'Inscription conseillée.'] }).expect(200);
    const revisions = (await get(`/api/editorial/articles/${id}/revisions`, 'editor').expect(200)).body.revisions;
    expect(revisions.map((r: { number: number; authorName: string }) => [r.number, r.authorName])).toEqual([[3, 'Paul Durand'], [2, 'Paul Durand'], [1, 'Réception']]);
    const { diff } = (await get(`/api/editorial/articles/${id}/diff`, 'editor').expect(200)).body;
    expect(diff.paragraphs.map((p: { kind: string }) => p.kind)).toEqual(['change', 'equal', 'insert']);
    expect(diff.paragraphs[0].segments).toEqual(expect.arrayContaining([{ op: 'delete', text: '10' }, { op: 'insert', text: '12' }]));
    expect(diff.tags.added).toEqual(['Musique']);
    const between = (await get(`/api/editorial/articles/${id}/diff?from=2&to=3`, 'editor').expect(200)).body.diff;
    expect(between.paragraphs.map((p: { kind: string }) => p.kind)).toEqual(['equal', 'equal', 'insert']);
    await get(`/api/editorial/articles/${id}/diff?from=9`, 'editor').expect(404);
  });

  it('takes comments and assignment to an editor, and refuses a contributor as assignee', async () => {
    const { id } = await receive('Bourse d’études');
    await post(`/api/editorial/articles/${id}/comments`, 'contributor', { body: 'Le montant est-il confirmé ?' }).expect(201);
    await post(`/api/editorial/articles/${id}/comments`, 'contributor', { body: '' }).expect(400);
    const comments = (await get(`/api/editorial/articles/${id}/comments`, 'editor').expect(200)).body.comments;
    expect(comments).toEqual([expect.objectContaining({ authorName: 'Paul Durand', body: 'Le montant est-il confirmé ?' })]);
    await post(`/api/editorial/articles/${id}/assign`, 'editor', { assigneeId: people.contributor.id }).expect(400);
    expect((await post(`/api/editorial/articles/${id}/assign`, 'editor', { assigneeId: people.otherEditor.id }).expect(200)).body.assigneeId).toBe(people.otherEditor.id);
    const mine = (await get(`/api/editorial/articles?assigneeId=${people.otherEditor.id}`, 'otherEditor').expect(200)).body.articles;
    expect(mine.map((a: { id: string }) => a.id)).toEqual([id]);
  });

  it('exports the audit trail as CSV and JSON, for editors only', async () => {
    await get('/api/editorial/audit?format=csv', 'contributor').expect(403);
    const csv = await get('/api/editorial/audit?format=csv', 'editor').expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('at,action,actor_name,actor_id,article_id,before,after');
    expect(lines.some((line) => line.includes(',request_changes,Claire Martin,'))).toBe(true);
    const json = await get('/api/editorial/audit?format=json', 'editor').expect(200);
    const entries = JSON.parse(json.text) as Array<{ action: string; at: string }>;
    expect(entries.length).toBe(lines.length - 1);
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['receive', 'edit', 'approve', 'withdraw', 'comment']));
  });

  it('lets the administrator change the sections, announced to the other services, and edits check them', async () => {
    const current = (await get('/api/editorial/sections', 'contributor').expect(200)).body;
    expect(current.sections.map((s: { name: string }) => s.name)).toContain('Relations bilatérales');
    const sections = [...current.sections, { slug: 'culture', name: 'Culture', aliases: [], inNavigation: true }];
    await put('/api/editorial/sections', 'editor', { sections }).expect(403);
    await put('/api/editorial/sections', 'chief', { sections: [...sections, { slug: 'culture', name: 'Autre', aliases: [] }] }).expect(400);
    await put('/api/editorial/sections', 'chief', { sections }).expect(200);
    const announced: Array<{ payload: string }> = await dataSource.query(`SELECT payload FROM editorial.outbox WHERE event_type = 'editorial.site.sections-changed' ORDER BY seq`);
    expect(announced).toHaveLength(2); // the defaults on the first start, then this change
    const last = parseEventJson(typeof announced[1].payload === 'string' ? announced[1].payload : JSON.stringify(announced[1].payload));
    expect(last.data).toMatchObject({ siteId: current.siteId, changedBy: 'Hélène Chef' });

    const { id } = await receive('Festival du film');
    await put(`/api/editorial/articles/${id}`, 'contributor', { expectedVersion: 1, title: 'Festival du film', section: 'Cinéma', tags: [], paragraphs: ['Texte.'] }).expect(400);
    await put(`/api/editorial/articles/${id}`, 'contributor', { expectedVersion: 1, title: 'Festival du film', section: 'Culture', tags: [], paragraphs: ['Texte.'] }).expect(200);
  });

  it('lets administrators manage the accounts, never removing the last active administrator', async () => {
    const created = (await post('/api/editorial/users', 'chief', { email: ' Lea@Example.org ', name: 'Léa Roux', role: 'contributor', password: 'un-mot-de-passe-long' }).expect(201)).body;
    expect(created).toMatchObject({ email: 'lea@example.org', name: 'Léa Roux', role: 'contributor', active: true });
    const [row] = await dataSource.query(`SELECT password_hash FROM editorial.user_account WHERE id = $1`, [created.id]);
    expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    await post('/api/editorial/users', 'chief', { email: 'lea@example.org', name: 'Léa bis', role: 'editor', password: 'un-mot-de-passe-long' }).expect(409);
    await post('/api/editorial/users', 'chief', { email: 'court@example.org', name: 'Court', role: 'editor', password: 'court' }).expect(400);
    await post('/api/editorial/users', 'chief', { email: 'x@example.org', name: 'X', role: 'chef', password: 'un-mot-de-passe-long' }).expect(400);
    const signIn = (password = 'un-mot-de-passe-long') => request(server).post('/api/editorial/session').send({ email: 'lea@example.org', password });
    const opened = `Bearer ${(await signIn().expect(200)).body.token}`;
    // A session opened before a change acts with the account as it is now, not as it was signed.
    const auditWith = () => request(server).get('/api/editorial/audit?format=json').set('Authorization', opened);
    await auditWith().expect(403);

    const patch = (id: string, who: keyof typeof people, body: object) => request(server).patch(`/api/editorial/users/${id}`).set('Authorization', people[who].auth).send(body);
    expect((await patch(created.id, 'chief', { role: 'editor' }).expect(200)).body.role).toBe('editor');
    expect((await signIn().expect(200)).body.user.role).toBe('editor');
    await auditWith().expect(200);
    expect((await patch(created.id, 'chief', { active: false }).expect(200)).body.active).toBe(false);
    await signIn().expect(401);
    await request(server).get('/api/editorial/articles').set('Authorization', opened).expect(401);
    await auditWith().expect(401);
    await patch(created.id, 'chief', { active: true }).expect(200);
    await signIn().expect(200);

    // Two administrators: one may go; the other, now the last, may be neither demoted nor deactivated.
    await patch(people.chief.id, 'admin', { role: 'editor' }).expect(200);
    await patch(people.admin.id, 'admin', { role: 'editor' }).expect(400);
    await patch(people.admin.id, 'admin', { active: false }).expect(400);
    const list = (await get('/api/editorial/users', 'admin').expect(200)).body.users as Array<{ email: string; role: string; active: boolean }>;
    expect(list.filter((u) => u.role === 'admin' && u.active).map((u) => u.email)).toEqual(['admin@newsroom.local']);
    await patch(people.chief.id, 'admin', { role: 'admin' }).expect(200);
    const audit = await dataSource.query(`SELECT action FROM editorial.audit_entry WHERE action LIKE 'user_%'`);
    expect(audit.length).toBe(6);
  });

  it('answers 401 without a session and 403 to a lower role on the admin routes and the administrators\' API', async () => {
    const sample = randomUUID();
    const routes: Array<[method: 'get' | 'post' | 'patch', path: string, needs: 'contributor' | 'admin']> = [
      ['get', '/api/editorial/users', 'admin'],
      ['post', '/api/editorial/users', 'admin'],
      ['patch', `/api/editorial/users/${sample}`, 'admin'],
      ['post', `/admin/articles/${sample}/preview`, 'contributor'],
      ['post', `/admin/articles/${sample}/preview?seul=1`, 'contributor'],
      ['get', '/admin/rubriques', 'admin'],
      ['post', '/admin/rubriques', 'admin'],
      ['get', '/admin/utilisateurs', 'admin'],
      ['post', '/admin/utilisateurs/nouveau', 'admin'],
      ['post', `/admin/utilisateurs/${sample}`, 'admin'],
    ];
    for (const [method, path, needs] of routes) {
      const anonymous = await (request(server) as unknown as Record<string, (p: string) => request.Test>)[method](path).send({});
      expect(`${method} ${path} → ${anonymous.status}`).toBe(`${method} ${path} → 401`);
      if (path.startsWith('/admin')) expect(anonymous.text).toContain('Connexion à l’administration');
      if (needs === 'admin') {
        for (const who of ['contributor', 'editor'] as const) {
          const res = await (request(server) as unknown as Record<string, (p: string) => request.Test>)[method](path).set('Authorization', people[who].auth).send({});
          expect(`${who}: ${method} ${path} → ${res.status}`).toBe(`${who}: ${method} ${path} → 403`);
        }
      }
    }
  });

  it('rejects every call without a session on every API route, and every write of a contributor where the role is higher', async () => {
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    // Signing in is open; signing out without a session has nothing to do (204).
    const open = new Set(['post /api/editorial/session', 'delete /api/editorial/session']);
    const sample = randomUUID();
    let checked = 0;
    for (const [template, operations] of Object.entries(document.paths)) {
      for (const method of Object.keys(operations as object)) {
        // The operators' routes (dead letters, metrics) take messaging's operator token, not a session: tested there.
        if (open.has(`${method} ${template}`) || template.startsWith('/admin/dead-letters') || template === '/metrics') continue;
        const path = template.replace('{id}', sample).replace('{number}', '1').replace('{action}', 'approve').replace('{service}', 'editorial');
        const res = await (request(server) as unknown as Record<string, (p: string) => request.Test>)[method](path).send({});
        expect(`${method.toUpperCase()} ${template} → ${res.status}`).toBe(`${method.toUpperCase()} ${template} → 401`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(14);
  });
});
