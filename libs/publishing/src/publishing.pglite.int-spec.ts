import { waitFor } from '@newsroom/messaging/testing';
import { ManualClock } from '@newsroom/platform';
import * as cheerio from 'cheerio';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { approval, correction, startPublishing, withdrawal, type PublishingHarness } from './testing/publishing-harness';

/**
 * The standalone host's path: the same module and migrations on the embedded PGlite. The SQL that is
 * not plain CRUD (slug lookup, FOR UPDATE SKIP LOCKED, jsonb, partial indexes) must behave there too.
 */
describe('PublishingModule on the embedded database (PGlite)', () => {
  let dataDir: string;
  let t: PublishingHarness;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'newsroom-publishing-'));
    t = await startPublishing({ DATA_DIR: dataDir });
  });

  afterAll(async () => {
    await t?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('publishes at once, by schedule, with unique slugs, and takes a suggestion', async () => {
    const now = approval({ title: 'Marché de Noël' });
    const twin = approval({ title: 'Marché de Noël' });
    // Far enough ahead for the checks below on a busy machine; the ScheduledPublisher's pass publishes it.
    const later = approval({ title: 'Vœux du maire', publishAt: new Date(Date.now() + 5_000).toISOString() });
    for (const event of [now, twin, later]) await t.deliver(event);

    const $ = cheerio.load((await t.http().get('/articles/marche-de-noel').expect(200)).text);
    expect($('article h1').text()).toBe('Marché de Noël');
    await t.http().get('/articles/marche-de-noel-2').expect(200);
    await t.http().get('/articles/voeux-du-maire').expect(404);
    await waitFor('the scheduled publication', async () => (await t.http().get('/articles/voeux-du-maire')).status === 200, 15_000);
    for (const event of [now, twin, later]) expect(await t.publishedEvents(event.data.articleId)).toHaveLength(1);

    const form = cheerio.load((await t.http().get('/articles/marche-de-noel/share').expect(200)).text);
    await t
      .http()
      .post('/articles/marche-de-noel/share')
      .type('form')
      .send({ friendEmail: 'ami@example.org', senderName: 'Jeanne', note: '', website: '', formToken: form('input[name=formToken]').val() })
      .expect(303);
    expect(await t.shareEvents(now.data.articleId)).toEqual([expect.objectContaining({ friendEmail: 'ami@example.org', senderName: 'Jeanne', note: null })]);
  });

  it('searches with the French configuration, accents folded, and forgets a withdrawn article (410) there too', async () => {
    const event = approval({ title: 'Élections municipales : les bureaux de vote', paragraphs: ['Les électeurs sont attendus dès huit heures.'] });
    await t.deliver(event);
    const titles = async (q: string) => {
      const $ = cheerio.load((await t.http().get(`/recherche?q=${encodeURIComponent(q)}`).expect(200)).text);
      return $('ul.articles h2 a').map((_, a) => $(a).text()).get();
    };
    expect(await titles('election municipale')).toEqual([event.data.title]);
    expect(await titles('ÉLECTEUR')).toEqual([event.data.title]);

    await t.deliver(correction(event.data.articleId, 2, { title: event.data.title, paragraphs: ['Les électeurs sont attendus dès sept heures.'], correctionNote: 'L’heure d’ouverture a été corrigée.' }));
    const $ = cheerio.load((await t.http().get('/articles/elections-municipales-les-bureaux-de-vote').expect(200)).text);
    expect($('.corrections').text()).toContain('L’heure d’ouverture a été corrigée.');

    await t.deliver(withdrawal(event.data.articleId));
    await t.http().get('/articles/elections-municipales-les-bureaux-de-vote').expect(410);
    expect(await titles('election')).toEqual([]);
    expect((await t.http().get('/feed.xml').expect(200)).text).not.toContain('elections-municipales');
    expect(await t.withdrawnEvents(event.data.articleId)).toEqual([expect.objectContaining({ wasPublic: true, slug: 'elections-municipales-les-bureaux-de-vote' })]);
  });

  it('keeps an embargo across a restart of the embedded database and publishes on start when its time has passed', async () => {
    const clock = new ManualClock('2030-01-01T08:00:00Z');
    const restartDir = await mkdtemp(path.join(tmpdir(), 'newsroom-publishing-restart-'));
    const env = { APP_SECRET: 'a-fixed-secret-for-the-restart-test-0123' };
    let app = await startPublishing({ DATA_DIR: restartDir }, { clock, env });
    try {
      const event = approval({ title: 'Embargo embarqué', publishAt: '2030-01-01T09:00:00Z' });
      await app.deliver(event);
      clock.set('2030-01-01T08:59:59.999Z');
      expect(await app.tick()).toBe(0);
      await app.http().get('/articles/embargo-embarque').expect(404);
      expect((await app.http().get('/sitemap.xml')).text).not.toContain('embargo-embarque');
      await app.close();

      clock.set('2030-01-01T09:00:30Z');
      app = await startPublishing({ DATA_DIR: restartDir }, { clock, env });
      await waitFor('the publication at start-up', async () => (await app.http().get('/articles/embargo-embarque')).status === 200, 15_000);
      expect((await app.http().get('/sitemap.xml')).text).toContain('embargo-embarque');
      expect((await app.publishedEvents(event.data.articleId)).map((e) => e.publishedAt)).toEqual(['2030-01-01T09:00:30.000Z']);
    } finally {
      await app.close();
      await rm(restartDir, { recursive: true, force: true });
    }
  });
});
