import { waitFor } from '@newsroom/messaging/testing';
import * as cheerio from 'cheerio';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { approval, startPublishing, type PublishingHarness } from './testing/publishing-harness';

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
    const later = approval({ title: 'Vœux du maire', publishAt: new Date(Date.now() + 1_000).toISOString() });
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
});
