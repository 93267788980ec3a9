import { createEvent } from '@newsroom/contracts';
import { waitFor } from '@newsroom/messaging/testing';
import { ManualClock } from '@newsroom/platform';
import * as cheerio from 'cheerio';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SubscriptionLinks } from '../subscriptions/subscription-links';
import { articlePublished, shareRequested, SITE_NAME, startNewsletter, type NewsletterHarness } from '../testing/newsletter-harness';
import { startSmtpSink, type SmtpSink } from '../testing/smtp-sink';
import { DigestScheduler } from './digest-scheduler';

/**
 * Preferences, digests and withdrawals on the embedded database, with a clock the test moves: alerts go only
 * to who asked for each article as published, with matching sections and language; digests go out at the
 * configured hour (Europe/Paris), once per subscriber per period, listing what was published since the last
 * one; a withdrawn article leaves whatever still waits.
 */
describe('preferences, digests and withdrawals (PGlite, real SMTP server, manual clock)', () => {
  let dataDir: string;
  let sink: SmtpSink;
  let t: NewsletterHarness;
  // Wednesday 1 May 2024, 10:00 in Paris.
  const clock = new ManualClock('2024-05-01T08:00:00Z');
  const people: Record<string, { id: string; email: string }> = {};

  const subscriber = async (name: string, prefs: { frequency?: string; sections?: string[]; language?: string | null } = {}) => {
    const id = randomUUID();
    const email = `${name}-${id.slice(0, 6)}@example.org`;
    await t.db().query(
      `INSERT INTO newsletter.subscriber (id, email, status, consent_source, requested_at, confirmed_at, updated_at, frequency, sections, language)
       VALUES ($1, $2, 'confirmed', 'test', $3, $3, $3, $4, $5::text[], $6)`,
      [id, email, clock.now(), prefs.frequency ?? 'immediate', prefs.sections ?? [], prefs.language ?? null],
    );
    people[name] = { id, email };
    return people[name];
  };
  const links = () => t.app.get(SubscriptionLinks);
  const tokenFor = (name: string) => links().preferencesToken(people[name]);
  const subjectsTo = (name: string) => sink.to(people[name].email).map((mail) => mail.parsed.subject);
  const queueDrained = () =>
    waitFor('the queue to drain', async () => {
      const [{ n }] = await t.db().query(`SELECT count(*)::int AS n FROM newsletter.outgoing_mail WHERE status IN ('queued', 'sending')`);
      return n === 0;
    });
  const publish = async (title: string, section: string | null, extra: { language?: string } = {}) => {
    const event = articlePublished({ title, section, publishedAt: clock.now().toISOString(), publishedOn: clock.now().toISOString().slice(0, 10), ...extra });
    await t.deliver(event);
    return event;
  };
  const withdraw = (articleId: string) =>
    t.deliver(createEvent('publishing.article.withdrawn', { articleId, slug: null, wasPublic: true, withdrawnAt: clock.now().toISOString() }, { aggregateId: articleId }));

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'newsroom-digests-'));
    sink = await startSmtpSink();
    t = await startNewsletter({ DATA_DIR: dataDir, SMTP_URL: sink.url, NEWSLETTER_DIGEST_HOUR: '7', NEWSLETTER_TIME_ZONE: 'Europe/Paris' }, {}, clock);
    const siteId = randomUUID();
    await t.deliver(
      createEvent(
        'editorial.site.sections-changed',
        {
          siteId,
          sections: [
            { slug: 'vie-locale', name: 'Vie locale', aliases: ['Quartiers'] },
            { slug: 'culture', name: 'Culture', aliases: [] },
          ],
          changedBy: 'admin@example.org',
          changedAt: clock.now().toISOString(),
        },
        { aggregateId: siteId },
      ),
    );
    await subscriber('tout');
    await subscriber('quartier', { sections: ['vie-locale'] });
    await subscriber('anglais', { language: 'en' });
    await subscriber('quotidien');
    await subscriber('hebdo', { frequency: 'weekly' });
  });

  afterAll(async () => {
    await t?.close();
    await sink?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  describe('the preferences page of the signed link', () => {
    it('shows the site’s sections and the subscriber’s choices, and refuses a forged link', async () => {
      const res = await t.http().get('/newsletter/preferences').query({ token: tokenFor('quotidien') }).expect(200);
      const $ = cheerio.load(res.text);
      expect($('h1').text()).toBe('Vos préférences');
      expect($('input[name=sections]').map((_, i) => $(i).attr('value')).get()).toEqual(['vie-locale', 'culture']);
      expect($('input[name=frequency][checked]').val()).toBe('immediate');
      await t.http().get('/newsletter/preferences').query({ token: 'faux.jeton' }).expect(400);
      const foreign = links().preferencesToken({ id: people.quotidien.id, email: 'autre@example.org' });
      await t.http().post('/newsletter/preferences').type('form').send({ token: foreign, frequency: 'daily' }).expect(400);
      // An unsubscribe token is not a preferences token.
      await t.http().get('/newsletter/preferences').query({ token: links().unsubscribeToken(people.quotidien) }).expect(400);
    });

    it('records new preferences with the time and source of the change', async () => {
      const res = await t.http().post('/newsletter/preferences').type('form').send(`token=${encodeURIComponent(tokenFor('quotidien'))}&frequency=daily&sections=culture&language=fr`).expect(200);
      expect(cheerio.load(res.text)('.notice').text()).toBe('Vos préférences sont enregistrées.');
      const [row] = await t.db().query(`SELECT frequency, sections, language FROM newsletter.subscriber WHERE id = $1`, [people.quotidien.id]);
      expect(row).toEqual({ frequency: 'daily', sections: ['culture'], language: 'fr' });
      const [consent] = await t.db().query(`SELECT action, source, at, detail FROM newsletter.consent WHERE subscriber_id = $1`, [people.quotidien.id]);
      expect(consent).toEqual({ action: 'preferences', source: 'preferences page', at: clock.now(), detail: { frequency: 'daily', sections: ['culture'], language: 'fr' } });
      await t.http().post('/newsletter/preferences').type('form').send({ token: tokenFor('quotidien'), frequency: 'toutes-les-heures' }).expect(400);
    });
  });

  describe('alerts follow the preferences', () => {
    it('sends an article only to those who want it as published, in its section and language', async () => {
      clock.set('2024-05-01T09:00:00Z');
      const event = await publish('Fête de quartier place du Marché', 'Quartiers');
      await waitFor('two alerts', async () => sink.received.filter((mail) => mail.parsed.subject === event.data.title).length === 2);
      await queueDrained();
      expect(subjectsTo('tout')).toContain(event.data.title);
      expect(subjectsTo('quartier')).toContain(event.data.title);
      for (const name of ['anglais', 'quotidien', 'hebdo']) expect(subjectsTo(name)).not.toContain(event.data.title);

      const culture = await publish('Concert à l’église samedi', 'Culture');
      await waitFor('the culture alert', async () => subjectsTo('tout').includes(culture.data.title));
      await queueDrained();
      expect(subjectsTo('quartier')).not.toContain(culture.data.title);
      const english = await publish('Twinning visit from Kent', null, { language: 'en' });
      await waitFor('the English alert', async () => subjectsTo('anglais').includes(english.data.title));
    });

    it('cancels the queued alerts and shares of an article that is withdrawn, and suggests it no more', async () => {
      sink.goDown();
      const event = await publish('Article publié par erreur', 'Culture');
      const share = shareRequested({ articleId: event.data.articleId, title: event.data.title });
      await t.deliver(share);
      await withdraw(event.data.articleId);
      // Cancelled by the withdrawal, or (claimed by the sender meanwhile) at its next claim, while the server is still away.
      const cancelled = () => t.db().query(`SELECT kind, status FROM newsletter.outgoing_mail WHERE $1 = ANY (article_ids) ORDER BY kind`, [event.data.articleId]);
      await waitFor('both cancelled', async () => (await cancelled()).every((row: { status: string }) => row.status === 'cancelled'));
      expect(await cancelled()).toEqual([
        { kind: 'alert', status: 'cancelled' },
        { kind: 'share', status: 'cancelled' },
      ]);
      sink.comeBack();
      await queueDrained();
      expect((await cancelled()).map((row: { status: string }) => row.status)).toEqual(['cancelled', 'cancelled']);
      expect(sink.received.filter((mail) => mail.parsed.subject?.includes('Article publié par erreur'))).toEqual([]);
      // A share asked after the withdrawal queues nothing; the event is consumed.
      const late = shareRequested({ articleId: event.data.articleId, title: event.data.title });
      await t.deliver(late);
      expect(await t.db().query(`SELECT 1 FROM newsletter.outgoing_mail WHERE dedupe_key = $1`, [`share:${late.data.shareId}`])).toEqual([]);
    });
  });

  describe('digests', () => {
    const tick = () => t.app.get(DigestScheduler).tick();
    const digestsTo = (name: string) => sink.to(people[name].email).filter((mail) => mail.parsed.subject?.startsWith(`${SITE_NAME} :`));

    it('sends the daily digest at 7:00 Paris time with the articles of its sections since the last one, once', async () => {
      clock.set('2024-05-02T04:59:00Z'); // 6:59 in Paris
      await tick();
      await queueDrained();
      expect(digestsTo('quotidien')).toEqual([]);

      clock.set('2024-05-02T05:00:00Z'); // 7:00 in Paris
      await tick();
      const [digest] = await waitFor('the daily digest', async () => digestsTo('quotidien').length === 1 && digestsTo('quotidien'));
      expect(digest.parsed.subject).toBe(`${SITE_NAME} : un article du 2 mai 2024`);
      expect(digest.parsed.text).toContain('Concert à l’église samedi');
      expect(digest.parsed.text).not.toContain('Fête de quartier');
      expect(digest.parsed.text).not.toContain('Article publié par erreur');
      expect(digest.parsed.text).toMatch(/Gérer mes préférences : https:\/\/\S+\/newsletter\/preferences\?token=/);
      // Those who want each article as published get no digest.
      expect(digestsTo('tout')).toEqual([]);

      // The same period again, a restart, a second tick: nothing more.
      await tick();
      clock.advance(30 * 60_000);
      await tick();
      await queueDrained();
      expect(digestsTo('quotidien')).toHaveLength(1);
      const [{ n }] = await t.db().query(`SELECT count(*)::int AS n FROM newsletter.outgoing_mail WHERE kind = 'digest' AND subscriber_id = $1`, [people.quotidien.id]);
      expect(n).toBe(1);
    });

    it('lists only what was published since the previous digest, without what was withdrawn while it waited', async () => {
      clock.set('2024-05-02T12:00:00Z');
      const kept = await publish('Exposition à la médiathèque', 'Culture');
      const withdrawn = await publish('Annonce retirée', 'Culture');
      sink.goDown();
      clock.set('2024-05-03T05:00:00Z');
      await tick();
      await waitFor('the digest queued', async () => {
        const rows = await t.db().query(`SELECT 1 FROM newsletter.outgoing_mail WHERE kind = 'digest' AND subscriber_id = $1`, [people.quotidien.id]);
        return rows.length === 2;
      });
      await withdraw(withdrawn.data.articleId);
      sink.comeBack();
      const digest = await waitFor('the second digest', async () => digestsTo('quotidien')[1]);
      expect(digest.parsed.text).toContain(kept.data.title);
      expect(digest.parsed.text).not.toContain(withdrawn.data.title);
      expect(digest.parsed.text).not.toContain('Concert à l’église samedi');
      expect(digest.parsed.subject).toBe(`${SITE_NAME} : un article du 3 mai 2024`);
    });

    it('sends the weekly digest on Monday at 7:00 with the week’s articles', async () => {
      clock.set('2024-05-06T05:00:00Z'); // Monday 6 May, 7:00 in Paris
      await tick();
      const [digest] = await waitFor('the weekly digest', async () => digestsTo('hebdo').length === 1 && digestsTo('hebdo'));
      expect(digest.parsed.subject).toMatch(/de la semaine, au 6 mai 2024$/);
      expect(digest.parsed.text).toContain('Fête de quartier place du Marché');
      expect(digest.parsed.text).toContain('Exposition à la médiathèque');
      // No language chosen: articles in every language.
      expect(digest.parsed.text).toContain('Twinning visit from Kent');
      expect(digest.parsed.subject).toBe(`${SITE_NAME} : 4 articles de la semaine, au 6 mai 2024`);
    });
  });

  describe('the subscriber’s data', () => {
    it('unsubscribes and resubscribes from the preferences page', async () => {
      await t.http().post('/newsletter/unsubscribe').type('form').send({ token: links().unsubscribeToken(people.tout) }).expect(200);
      const page = await t.http().get('/newsletter/preferences').query({ token: tokenFor('tout') }).expect(200);
      expect(cheerio.load(page.text)('form[action="/newsletter/preferences/resubscribe"] button').text()).toBe('Me réabonner');
      const res = await t.http().post('/newsletter/preferences/resubscribe').type('form').send({ token: tokenFor('tout') }).expect(200);
      expect(cheerio.load(res.text)('.notice').text()).toBe('Vous êtes à nouveau abonné(e).');
      const actions = await t.db().query(`SELECT action, source FROM newsletter.consent WHERE subscriber_id = $1 ORDER BY at, action`, [people.tout.id]);
      expect(actions).toEqual([
        { action: 'resubscribed', source: 'preferences page' },
        { action: 'unsubscribed', source: 'unsubscribe link' },
      ]);
    });

    it('exports everything kept as a JSON download', async () => {
      const res = await t.http().post('/newsletter/preferences/export').type('form').send({ token: tokenFor('quotidien') }).expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers['content-disposition']).toContain('attachment');
      const data = JSON.parse(res.text);
      expect(data.subscriber).toMatchObject({ email: people.quotidien.email, status: 'confirmed', frequency: 'daily', sections: ['culture'], language: 'fr' });
      expect(data.consents.map((c: { action: string }) => c.action)).toEqual(['preferences']);
      expect(data.emails.map((e: { kind: string; status: string }) => [e.kind, e.status])).toEqual([
        ['digest', 'sent'],
        ['digest', 'sent'],
      ]);
    });

    it('erases the subscriber: no row, no address left in the mail kept, nothing more sent', async () => {
      await t.http().post('/newsletter/preferences/erase').type('form').send({ token: tokenFor('quotidien') }).expect(400);
      const res = await t.http().post('/newsletter/preferences/erase').type('form').send({ token: tokenFor('quotidien'), confirm: 'oui' }).expect(200);
      expect(cheerio.load(res.text)('h1').text()).toBe('Vos données sont effacées.');
      expect(await t.db().query(`SELECT 1 FROM newsletter.subscriber WHERE id = $1`, [people.quotidien.id])).toEqual([]);
      expect(await t.db().query(`SELECT 1 FROM newsletter.consent WHERE subscriber_id = $1`, [people.quotidien.id])).toEqual([]);
      expect(await t.db().query(`SELECT 1 FROM newsletter.outgoing_mail WHERE recipient = $1 OR text_body LIKE $2`, [people.quotidien.email, `%${people.quotidien.email}%`])).toEqual([]);
      await t.http().get('/newsletter/preferences').query({ token: tokenFor('quotidien') }).expect(400);
    });
  });
});
