import { createTestDatabase, waitFor, type TestDatabase } from '@newsroom/messaging/testing';
import { csrfTokenFor, issueSessionToken, SESSION_COOKIE, type Actor } from '@newsroom/platform';
import * as cheerio from 'cheerio';
import { randomUUID } from 'node:crypto';
import { articlePublished, startNewsletter, type NewsletterHarness } from '../testing/newsletter-harness';
import { startSmtpSink, type SmtpSink } from '../testing/smtp-sink';

/** The newsletter's admin pages, as an administrator's browser uses them (session cookie, CSRF token), on PostgreSQL. */
describe('newsletter admin (PostgreSQL, real SMTP server)', () => {
  let db: TestDatabase;
  let sink: SmtpSink;
  let t: NewsletterHarness;
  const admin: Actor = { id: randomUUID(), email: 'admin@example.org', name: 'Alice Admin', role: 'admin', sid: randomUUID() };
  const editor: Actor = { ...admin, id: randomUUID(), role: 'editor', sid: randomUUID(), name: 'Éric Éditeur' };
  const cookie = (actor: Actor) => `${SESSION_COOKIE}=${issueSessionToken(t.config.APP_SECRET, actor)}`;
  const asAdmin = (path: string) => t.http().get(path).set('Cookie', cookie(admin));

  beforeAll(async () => {
    db = await createTestDatabase('newsletter_admin_test');
    sink = await startSmtpSink();
    t = await startNewsletter({ DATABASE_URL: db.url, SMTP_URL: sink.url });
  });

  afterAll(async () => {
    await t?.close();
    await sink?.close();
    await db?.drop();
  });

  const insertSubscribers = (prefix: string, count: number, status = 'confirmed') =>
    t.db().query(
      `INSERT INTO newsletter.subscriber (id, email, status, consent_source, requested_at, confirmed_at, updated_at)
       SELECT gen_random_uuid(), $1 || '-' || lpad(g::text, 3, '0') || '@example.org', $3, 'test', now(), now(), now() FROM generate_series(1, $2::int) g`,
      [prefix, count, status],
    );

  it('is for administrators only: signed out, a page to sign in; an editor, refused', async () => {
    const signedOut = await t.http().get('/admin/newsletter').expect(401);
    expect(cheerio.load(signedOut.text)('a[href="/admin"]').text()).toBe('connectez-vous');
    await t.http().get('/admin/newsletter/subscribers').set('Cookie', cookie(editor)).expect(403);
    const res = await asAdmin('/admin/newsletter').expect(200);
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(cheerio.load(res.text)('h1').text()).toBe('Envois de la newsletter');
  });

  it('lists subscribers with a search and pages of 50', async () => {
    await insertSubscribers('liste', 60);
    await insertSubscribers('autre', 3, 'unsubscribed');
    const first = cheerio.load((await asAdmin('/admin/newsletter/subscribers?q=liste').expect(200)).text);
    expect(first('tbody tr')).toHaveLength(50);
    expect(first('tbody tr td').first().text()).toBe('liste-001@example.org');
    expect(first('a[rel=next]').attr('href')).toBe('/admin/newsletter/subscribers?q=liste&page=2');
    const second = cheerio.load((await asAdmin('/admin/newsletter/subscribers?q=liste&page=2').expect(200)).text);
    expect(second('tbody tr')).toHaveLength(10);
    const others = cheerio.load((await asAdmin('/admin/newsletter/subscribers?q=AUTRE-00').expect(200)).text);
    expect(others('tbody tr').map((_, tr) => others(tr).find('td').eq(1).text()).get()).toEqual(['désabonné', 'désabonné', 'désabonné']);
    // LIKE wildcards typed in the search are taken literally.
    expect(cheerio.load((await asAdmin('/admin/newsletter/subscribers?q=%25').expect(200)).text)('tbody tr')).toHaveLength(0);
  });

  it('imports a CSV in the background with its progress; new addresses get a confirmation and stay pending, known ones are left alone', async () => {
    await insertSubscribers('deja', 1);
    const form = cheerio.load((await asAdmin('/admin/newsletter/import').expect(200)).text);
    const csrf = String(form('input[name=_csrf]').val());
    expect(csrf).toBe(csrfTokenFor(t.config.APP_SECRET, admin.sid));
    const lines = ['Nom;Email', ...Array.from({ length: 250 }, (_, i) => `Lecteur ${i};import-${i}@example.org`), 'Déjà;deja-001@example.org', 'Mauvais;pas-une-adresse'];
    const csv = Buffer.from(lines.join('\r\n'));

    await t.http().post('/admin/newsletter/import').set('Cookie', cookie(admin)).attach('file', csv, 'abonnes.csv').expect(403);
    await t.http().post('/admin/newsletter/import').field('_csrf', csrf).attach('file', csv, 'abonnes.csv').expect(401);
    const res = await t.http().post('/admin/newsletter/import').set('Cookie', cookie(admin)).field('_csrf', csrf).attach('file', csv, 'abonnes.csv').expect(303);
    const progressPath = res.headers.location;
    expect(progressPath).toMatch(/^\/admin\/newsletter\/imports\/[0-9a-f-]{36}$/);

    const page = await waitFor('the import to finish', async () => {
      const html = (await asAdmin(progressPath).expect(200)).text;
      return html.includes('Terminé') && cheerio.load(html);
    });
    expect(page('progress').attr('value')).toBe('251');
    expect(page('progress').attr('max')).toBe('251');
    expect(page('main li').map((_, li) => page(li).text()).get()).toEqual([
      '250 nouvelle(s) adresse(s), en attente de confirmation',
      '1 déjà connue(s), laissée(s) telles quelles',
      '1 ligne(s) sans adresse valable',
    ]);
    const rows = await t.db().query(`SELECT status, consent_source, count(*)::int AS n FROM newsletter.subscriber WHERE email LIKE 'import-%' GROUP BY 1, 2`);
    expect(rows).toEqual([{ status: 'pending', consent_source: 'import', n: 250 }]);
    expect((await t.db().query(`SELECT status FROM newsletter.subscriber WHERE email = 'deja-001@example.org'`))[0].status).toBe('confirmed');
    await waitFor('250 confirmation emails', async () => sink.received.filter((mail) => mail.envelope.to[0]?.startsWith('import-')).length === 250);
    expect(sink.to('deja-001@example.org')).toEqual([]);
    // The addresses of a finished import are not kept in the job.
    const [job] = await t.db().query(`SELECT cardinality(addresses) AS n FROM newsletter.subscriber_import`);
    expect(job.n).toBe(0);
  });

  it('shows each send’s progress as it happens, as a page that refreshes and as JSON', async () => {
    await waitFor('the queue to drain', async () => (await t.db().query(`SELECT 1 FROM newsletter.outgoing_mail WHERE status IN ('queued', 'sending')`)).length === 0);
    await t.db().query(`DELETE FROM newsletter.subscriber`);
    await insertSubscribers('envoi', 30);
    sink.goDown();
    const event = articlePublished({ title: 'Fermeture de la mairie le 14 juillet' });
    await t.deliver(event);
    const [{ id }] = await t.db().query(`SELECT id FROM newsletter.mailing WHERE key = $1`, [`alert:${event.data.articleId}`]);

    const during = cheerio.load((await asAdmin(`/admin/newsletter/mailings/${id}`).expect(200)).text);
    expect(during('meta[http-equiv=refresh]').attr('content')).toBe('2');
    expect(during('h1').text()).toBe('Alerte — Fermeture de la mairie le 14 juillet');
    const json = (await asAdmin(`/admin/newsletter/mailings/${id}/progress.json`).expect(200)).body;
    expect(json).toMatchObject({ total: 30, sent: 0, failed: 0, bounced: 0 });
    expect(json.queued + json.sending).toBe(30);
    const list = cheerio.load((await asAdmin('/admin/newsletter').expect(200)).text);
    expect(list('tbody tr').first().find('a').text()).toBe('Alerte — Fermeture de la mairie le 14 juillet');

    const refusedBefore = sink.refused;
    sink.refuseNext(1, 550);
    sink.comeBack();
    const done = await waitFor('the send to end', async () => {
      const body = (await asAdmin(`/admin/newsletter/mailings/${id}/progress.json`).expect(200)).body;
      return body.queued + body.sending === 0 && body;
    });
    expect(sink.refused).toBe(refusedBefore + 1);
    expect(done).toMatchObject({ total: 30, sent: 29, bounced: 1, failed: 0, cancelled: 0 });
    const after = cheerio.load((await asAdmin(`/admin/newsletter/mailings/${id}`).expect(200)).text);
    expect(after('meta[http-equiv=refresh]')).toHaveLength(0);
    expect(after('tbody td').map((_, td) => after(td).text()).get()).toEqual(['30', '0', '29', '0', '1', '0']);
    await asAdmin(`/admin/newsletter/mailings/${randomUUID()}`).expect(404);
  });
});
