import { createTestDatabase, waitFor, type TestDatabase } from '@newsroom/messaging/testing';
import { ManualClock, signToken } from '@newsroom/platform';
import { register, type Histogram } from 'prom-client';
import * as cheerio from 'cheerio';
import { get as httpGet, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { DEFAULT_SECTIONS } from '@newsroom/site-theme';
import { approval, correction, PUBLIC_URL, rescheduling, sectionsChange, startPublishing, withdrawal, type PublishingHarness } from './testing/publishing-harness';

/**
 * The public site on real PostgreSQL with a ManualClock: embargoes (every exit, before and after the
 * moment, across a restart), reschedules, corrections, withdrawals, sections, slugs, search, feeds and
 * compression. Time moves only when a test says so; the ScheduledPublisher is run with `tick()`.
 */
describe('The public site on PostgreSQL', () => {
  let db: TestDatabase;
  let t: PublishingHarness;
  const clock = new ManualClock('2025-03-10T08:00:00Z');
  const secret = 'a-fixed-secret-for-a-restart-over-the-same-data';

  beforeAll(async () => {
    db = await createTestDatabase('publishing_site_test');
    t = await startPublishing({ DATABASE_URL: db.url }, { clock, env: { APP_SECRET: secret } });
  });

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const get = (path: string) => t.http().get(path);
  const page = async (path: string, status = 200) => cheerio.load((await get(path).expect(status)).text);
  const slugOf = async (articleId: string) => {
    const [row] = await t.db().query(`SELECT slug FROM publishing.article WHERE id = $1`, [articleId]);
    return row?.slug as string;
  };
  const at = (offsetMs: number) => new Date(clock.now().getTime() + offsetMs).toISOString();

  /** Every place a reader, a feed reader or a crawler can meet an article, with whether `slug` / `title` shows there. */
  async function exits(slug: string, title: string, section = 'Relations bilatérales'): Promise<Record<string, boolean | number>> {
    const sectionSlug = DEFAULT_SECTIONS.find((s) => s.name === section)?.slug ?? 'relations-bilaterales';
    const has = async (path: string) => (await get(path)).text.includes(title) || (await get(path)).text.includes(`/articles/${slug}`);
    const word = title.split(' ').find((w) => w.length > 6) as string;
    return {
      page: (await get(`/articles/${slug}`)).status,
      print: (await get(`/articles/${slug}/print`)).status,
      share: (await get(`/articles/${slug}/share`)).status,
      home: await has('/'),
      section: await has(`/rubriques/${sectionSlug}`),
      rss: await has('/feed.xml'),
      atom: await has('/atom.xml'),
      sectionRss: await has(`/rubriques/${sectionSlug}/feed.xml`),
      sectionAtom: await has(`/rubriques/${sectionSlug}/atom.xml`),
      sitemap: await has('/sitemap.xml'),
      search: await has(`/recherche?q=${encodeURIComponent(word)}`),
    };
  }
  const HIDDEN = { page: 404, print: 404, share: 404, home: false, section: false, rss: false, atom: false, sectionRss: false, sectionAtom: false, sitemap: false, search: false };
  const SHOWN = { page: 200, print: 200, share: 200, home: true, section: true, rss: true, atom: true, sectionRss: true, sectionAtom: true, sitemap: true, search: true };

  describe('embargo: never early, always on time', () => {
    it('keeps a scheduled article out of every exit until its time, then shows it everywhere after one pass', async () => {
      const publishAt = at(60 * 60_000);
      const event = approval({ title: 'Embargo : accord commercial signé', section: 'Relations bilatérales', publishAt });
      await t.deliver(event);
      const slug = await slugOf(event.data.articleId);

      expect(await exits(slug, event.data.title)).toEqual(HIDDEN);
      // A share form posted with a valid token signed for the slug is refused too.
      const token = signToken(t.config.APP_SECRET, 'share-form', { slug }, 7200);
      await t.http().post(`/articles/${slug}/share`).type('form').send({ friendEmail: 'a@example.org', senderName: 'A', formToken: token }).expect(404);
      expect(await t.shareEvents(event.data.articleId)).toEqual([]);

      clock.set(new Date(Date.parse(publishAt) - 1));
      expect(await t.tick()).toBe(0);
      expect(await exits(slug, event.data.title)).toEqual(HIDDEN);
      expect(await t.publishedEvents(event.data.articleId)).toEqual([]);

      clock.set(publishAt);
      expect(await t.tick()).toBe(1);
      expect(await exits(slug, event.data.title)).toEqual(SHOWN);
      const [published] = await t.publishedEvents(event.data.articleId);
      expect(published.publishedAt).toBe(new Date(publishAt).toISOString());

      // JSON-LD and Open Graph say when it was published: its time, never before.
      const $ = await page(`/articles/${slug}`);
      const ld = JSON.parse($('script[type="application/ld+json"]').text());
      expect(ld).toMatchObject({ '@type': 'NewsArticle', headline: event.data.title, datePublished: new Date(publishAt).toISOString(), articleSection: 'Relations bilatérales' });
      expect($('meta[property="article:published_time"]').attr('content')).toBe(new Date(publishAt).toISOString());
    });

    it('publishes after a restart that spanned the moment (no missed schedule)', async () => {
      const publishAt = at(30 * 60_000);
      const event = approval({ title: 'Embargo : la visite officielle annoncée', section: 'Relations bilatérales', publishAt });
      await t.deliver(event);
      const slug = await slugOf(event.data.articleId);
      await t.close();

      clock.set(new Date(Date.parse(publishAt) + 5 * 60_000));
      t = await startPublishing({ DATABASE_URL: db.url }, { clock, env: { APP_SECRET: secret } });
      // The bootstrap pass publishes it, without any test tick.
      await waitFor('the publication at start-up', async () => (await get(`/articles/${slug}`)).status === 200, 10_000);
      expect(await exits(slug, event.data.title)).toEqual(SHOWN);
      const [published] = await t.publishedEvents(event.data.articleId);
      expect(Date.parse(published.publishedAt)).toBeGreaterThanOrEqual(Date.parse(publishAt));
    });

    it('keeps the live revision everywhere while a later one waits; the later one replaces it on time', async () => {
      const first = approval({ title: 'Coopération : programme des bourses', section: 'Relations bilatérales' });
      await t.deliver(first);
      const slug = await slugOf(first.data.articleId);
      const publishAt = at(10 * 60_000);
      await t.deliver(approval({ articleId: first.data.articleId, revision: 2, title: 'Coopération : bourses doublées', section: 'Relations bilatérales', publishAt }));

      for (const path of ['/', '/rubriques/relations-bilaterales', '/feed.xml', '/atom.xml', `/articles/${slug}`, `/articles/${slug}/print`, `/articles/${slug}/share`]) {
        expect((await get(path)).text).not.toContain('bourses doublées');
      }
      expect((await get('/recherche?q=doublées')).text).not.toContain(`/articles/${slug}`);
      expect((await page(`/articles/${slug}/print`))('h1').text()).toBe('Coopération : programme des bourses');

      clock.set(publishAt);
      await t.tick();
      expect((await page(`/articles/${slug}`))('h1').text()).toBe('Coopération : bourses doublées');
      expect((await get('/recherche?q=doublees')).text).toContain(`/articles/${slug}`);
    });

    it('measures how late each publication is against its due time (newsroom_publish_delay_seconds, at commit)', async () => {
      const delays = async () => {
        const { values } = await (register.getSingleMetric('newsroom_publish_delay_seconds') as Histogram).get();
        const of = (cause: string, suffix: string) => values.find((v) => v.metricName === `newsroom_publish_delay_seconds${suffix}` && v.labels.cause === cause)?.value ?? 0;
        return { scheduleCount: of('schedule', '_count'), scheduleSum: of('schedule', '_sum'), approvalCount: of('approval', '_count'), approvalSum: of('approval', '_sum') };
      };
      const before = await delays();
      const publishAt = at(10 * 60_000);
      await t.deliver(approval({ title: 'Embargo : le rapport annuel', publishAt }));
      // The process was busy (or down) for 90 s past the moment.
      clock.set(new Date(Date.parse(publishAt) + 90_000));
      expect(await t.tick()).toBe(1);
      await t.deliver(approval({ title: 'Annonce : ouverture des inscriptions', approvedAt: at(-2_000) }));
      const after = await delays();
      expect(after.scheduleCount - before.scheduleCount).toBe(1);
      expect(after.scheduleSum - before.scheduleSum).toBeCloseTo(90, 3);
      expect(after.approvalCount - before.approvalCount).toBe(1);
      expect(after.approvalSum - before.approvalSum).toBeCloseTo(2, 3);
    });
  });

  describe('rescheduling', () => {
    it('moves an embargo later: not published at the old time, published at the new one', async () => {
      const event = approval({ title: 'Report : conférence de presse décalée', publishAt: at(10 * 60_000) });
      await t.deliver(event);
      const slug = await slugOf(event.data.articleId);
      const later = at(20 * 60_000);
      await t.deliver(rescheduling(event.data.articleId, 1, later));

      clock.advance(10 * 60_000);
      await t.tick();
      await get(`/articles/${slug}`).expect(404);
      clock.set(later);
      await t.tick();
      await get(`/articles/${slug}`).expect(200);
      expect(await t.publishedEvents(event.data.articleId)).toHaveLength(1);
    });

    it('moves an embargo earlier, and publishes at once when the new time has come or is null', async () => {
      const earlier = approval({ title: 'Avance : résultats anticipés', publishAt: at(60 * 60_000) });
      const now = approval({ title: 'Levée : embargo annulé', publishAt: at(60 * 60_000) });
      await t.deliver(earlier);
      await t.deliver(now);

      await t.deliver(rescheduling(earlier.data.articleId, 1, at(60_000)));
      await get(`/articles/${await slugOf(earlier.data.articleId)}`).expect(404);
      clock.advance(60_000);
      await t.tick();
      await get(`/articles/${await slugOf(earlier.data.articleId)}`).expect(200);

      await t.deliver(rescheduling(now.data.articleId, 1, null));
      await get(`/articles/${await slugOf(now.data.articleId)}`).expect(200);
      expect(await t.publishedEvents(now.data.articleId)).toHaveLength(1);
    });

    it('ignores a reschedule of an article already public or of another revision', async () => {
      const live = approval({ title: 'Déjà publié : horaires d’été' });
      await t.deliver(live);
      await t.deliver(rescheduling(live.data.articleId, 1, at(60 * 60_000)));
      await get(`/articles/${await slugOf(live.data.articleId)}`).expect(200);

      const waiting = approval({ title: 'Autre révision : calendrier', publishAt: at(60 * 60_000) });
      await t.deliver(waiting);
      await t.deliver(rescheduling(waiting.data.articleId, 7, null));
      await get(`/articles/${await slugOf(waiting.data.articleId)}`).expect(404);
      expect(await t.publishedEvents(waiting.data.articleId)).toEqual([]);
    });
  });

  describe('corrections', () => {
    it('re-renders at the same address with a dated correction note, and announces the new revision', async () => {
      const event = approval({ title: 'Concert : changement de lieu', paragraphs: ['Le concert aura lieu au parc.', 'Entrée libre.'] });
      await t.deliver(event);
      const slug = await slugOf(event.data.articleId);
      const before = await get(`/articles/${slug}`).expect(200);

      clock.set('2025-03-12T09:05:00Z');
      await t.deliver(
        correction(event.data.articleId, 2, {
          title: 'Concert : changement de lieu',
          paragraphs: ['Le concert aura lieu à la salle des fêtes.', 'Entrée libre.'],
          correctionNote: 'Le lieu du concert a été corrigé.',
          correctedAt: '2025-03-12T09:05:00.000Z',
        }),
      );
      const after = await get(`/articles/${slug}`).expect(200);
      expect(after.headers.etag).not.toBe(before.headers.etag);
      const $ = cheerio.load(after.text);
      expect($('article p').first().text()).toBe('Le concert aura lieu à la salle des fêtes.');
      const note = $('.corrections .correction');
      expect(note.text()).toBe('Correction du 12 mars 2025 à 10 h 05 : Le lieu du concert a été corrigé.');
      expect(note.find('time').attr('datetime')).toBe('2025-03-12T09:05:00.000Z');
      expect(JSON.parse($('script[type="application/ld+json"]').text())).toMatchObject({ dateModified: '2025-03-12T09:05:00.000Z', correction: [{ text: 'Le lieu du concert a été corrigé.' }] });
      expect((await page(`/articles/${slug}/print`))('.corrections').text()).toContain('Le lieu du concert a été corrigé.');

      const events = await t.publishedEvents(event.data.articleId);
      expect(events.map((e) => [e.revision, e.slug, e.summary])).toEqual([
        [1, slug, 'Le concert aura lieu au parc.'],
        [2, slug, 'Le concert aura lieu à la salle des fêtes.'],
      ]);
      // An old correction (redelivered under another id, or late) changes nothing.
      await t.deliver(correction(event.data.articleId, 2, { correctionNote: 'Doublon.' }));
      expect(await t.publishedEvents(event.data.articleId)).toHaveLength(2);
    });

    it('keeps a correction of an article under embargo for its time: never early', async () => {
      const event = approval({ title: 'Sous embargo : chiffres du commerce', publishAt: at(60 * 60_000) });
      await t.deliver(event);
      await t.deliver(correction(event.data.articleId, 2, { title: 'Sous embargo : chiffres du commerce', paragraphs: ['Chiffres corrigés.'] }));
      const slug = await slugOf(event.data.articleId);
      await get(`/articles/${slug}`).expect(404);
      expect(await t.publishedEvents(event.data.articleId)).toEqual([]);
      clock.advance(60 * 60_000);
      await t.tick();
      expect((await page(`/articles/${slug}`))('article p').text()).toBe('Chiffres corrigés.');
    });
  });

  describe('withdrawal', () => {
    it('answers 410 for a public article and removes it from every exit; announces wasPublic', async () => {
      const event = approval({ title: 'Retrait : communiqué erroné sur les visas', section: 'Relations bilatérales' });
      await t.deliver(event);
      const slug = await slugOf(event.data.articleId);
      expect(await exits(slug, event.data.title)).toEqual(SHOWN);
      await get(`/articles/${slug}`).set('Accept-Encoding', 'br').expect(200);

      await t.deliver(withdrawal(event.data.articleId));
      const gone = await get(`/articles/${slug}`).expect(410);
      expect(cheerio.load(gone.text)('h1').text()).toBe('Article retiré');
      expect(await exits(slug, event.data.title)).toEqual({ ...HIDDEN, page: 410, print: 410, share: 410 });
      // A form fetched before the withdrawal and posted after it sends nothing.
      const token = signToken(t.config.APP_SECRET, 'share-form', { slug }, 7200);
      await t.http().post(`/articles/${slug}/share`).type('form').send({ friendEmail: 'a@example.org', senderName: 'A', formToken: token }).expect(404);
      expect(await t.shareEvents(event.data.articleId)).toEqual([]);
      expect(await t.withdrawnEvents(event.data.articleId)).toEqual([{ articleId: event.data.articleId, slug, wasPublic: true, withdrawnAt: clock.now().toISOString() }]);

      // Approved again: back at the same address.
      await t.deliver(approval({ articleId: event.data.articleId, revision: 1, title: event.data.title, section: 'Relations bilatérales' }));
      expect(await exits(slug, event.data.title)).toEqual(SHOWN);
      expect(await t.publishedEvents(event.data.articleId)).toHaveLength(2);
    });

    it('cancels a scheduled publication: never published, 404 (it never was public), wasPublic false', async () => {
      const event = approval({ title: 'Annulé : visite reportée sine die', publishAt: at(10 * 60_000) });
      await t.deliver(event);
      const slug = await slugOf(event.data.articleId);
      await t.deliver(withdrawal(event.data.articleId));
      clock.advance(20 * 60_000);
      await t.tick();
      expect(await exits(slug, event.data.title)).toEqual(HIDDEN);
      expect(await t.withdrawnEvents(event.data.articleId)).toEqual([expect.objectContaining({ slug: null, wasPublic: false })]);
      expect(await t.publishedEvents(event.data.articleId)).toEqual([]);
    });
  });

  describe('slugs', () => {
    it('follows a title changed before the first publication, and redirects the old address (301) once public', async () => {
      const event = approval({ title: 'Titre provisoire du communiqué', publishAt: at(10 * 60_000) });
      await t.deliver(event);
      expect(await slugOf(event.data.articleId)).toBe('titre-provisoire-du-communique');
      await t.deliver(approval({ articleId: event.data.articleId, revision: 2, title: 'Titre définitif : Œuvres à l’Élysée', publishAt: at(10 * 60_000) }));
      const slug = await slugOf(event.data.articleId);
      expect(slug).toBe('titre-definitif-oeuvres-a-l-elysee');
      await get('/articles/titre-provisoire-du-communique').expect(404);

      clock.advance(10 * 60_000);
      await t.tick();
      const moved = await get('/articles/titre-provisoire-du-communique').expect(301);
      expect(moved.headers.location).toBe(`/articles/${slug}`);
      expect((await get('/articles/titre-provisoire-du-communique/print').expect(301)).headers.location).toBe(`/articles/${slug}/print`);

      // Once public, a new title keeps the address.
      await t.deliver(approval({ articleId: event.data.articleId, revision: 3, title: 'Encore un autre titre' }));
      expect(await slugOf(event.data.articleId)).toBe(slug);
      // Nobody else gets the old slug.
      const other = approval({ title: 'Titre provisoire du communiqué' });
      await t.deliver(other);
      expect(await slugOf(other.data.articleId)).toBe('titre-provisoire-du-communique-2');
    });
  });

  describe('sections and lists', () => {
    it('lists a section’s articles newest first, 20 a page, with breadcrumbs and prev/next', async () => {
      for (let i = 1; i <= 22; i++) {
        await t.deliver(approval({ title: `Association : réunion numéro ${i}`, section: 'Rubrique de l’ACHA', publishedOn: `2021-01-${String(i).padStart(2, '0')}` }));
      }
      const first = await page('/rubriques/rubrique-de-l-association');
      expect(first('h1').text()).toBe('Rubrique de l’association');
      expect(first('nav.breadcrumb li').map((_, li) => first(li).text()).get()).toEqual(['Accueil', 'Rubrique de l’association']);
      expect(first('ul.articles li')).toHaveLength(20);
      expect(first('ul.articles h2').first().text()).toBe('Association : réunion numéro 22');
      expect(first('nav.pages a[rel=next]').attr('href')).toBe('/rubriques/rubrique-de-l-association?page=2');
      expect(first('nav.sections a[aria-current=page]').text()).toBe('Rubrique de l’association');
      const second = await page('/rubriques/rubrique-de-l-association?page=2');
      expect(second('ul.articles h2').map((_, h) => second(h).text()).get()).toEqual(['Association : réunion numéro 2', 'Association : réunion numéro 1']);
      expect(second('nav.pages a[rel=prev]').attr('href')).toBe('/rubriques/rubrique-de-l-association');
      await get('/rubriques/rubrique-de-l-association?page=3').expect(404);
      await get('/rubriques/rubrique-de-l-association?page=abc').expect(404);
      await get('/rubriques/inconnue').expect(404);

      // The article's breadcrumb links to its section.
      const article = await page('/articles/association-reunion-numero-3');
      expect(article('nav.breadcrumb a').map((_, a) => article(a).attr('href')).get()).toEqual(['/', '/rubriques/rubrique-de-l-association']);
    });

    it('shows the default sections until the administrator’s list arrives, then that list everywhere, articles re-rendered', async () => {
      const nav = async (path: string) => {
        const $ = await page(path);
        return $('nav.sections a').map((_, a) => $(a).text()).get();
      };
      expect(await nav('/')).toEqual(['Accueil', 'Aperçu général', 'Qui sommes-nous', 'Relations bilatérales', 'Rubrique de l’association', 'Services presse et médias']);
      const event = approval({ title: 'Rubriques : article de la rubrique culture', section: 'Culture' });
      await t.deliver(event);
      const slug = await slugOf(event.data.articleId);
      const before = await get(`/articles/${slug}`);

      await t.deliver(
        sectionsChange([
          { slug: 'actualites', name: 'Actualités', aliases: [], inNavigation: true },
          { slug: 'culture', name: 'Culture', aliases: ['Arts'], inNavigation: true },
          { slug: 'archives', name: 'Archives', aliases: [], inNavigation: false },
        ]),
      );
      expect(await nav('/')).toEqual(['Accueil', 'Actualités', 'Culture']);
      expect(await nav(`/articles/${slug}`)).toEqual(['Accueil', 'Actualités', 'Culture']);
      expect((await get(`/articles/${slug}`)).headers.etag).not.toBe(before.headers.etag);
      expect((await page('/rubriques/culture'))(`a[href="/articles/${slug}"]`)).toHaveLength(1);
      await get('/rubriques/archives').expect(200);
      await get('/rubriques/relations-bilaterales').expect(404);
      expect(await t.publishedEvents(event.data.articleId)).toHaveLength(1);

      // An older list arriving late changes nothing; the default comes back for the rest of the suite.
      await t.deliver(sectionsChange([{ slug: 'vieux', name: 'Vieux', aliases: [], inNavigation: true }], '2000-01-01T00:00:00Z'));
      expect(await nav('/')).toEqual(['Accueil', 'Actualités', 'Culture']);
      await t.deliver(sectionsChange(DEFAULT_SECTIONS.map((s) => ({ ...s }))));
    });
  });

  describe('search', () => {
    it('finds live articles whatever the accents and inflections, best first; never withdrawn or scheduled ones', async () => {
      const elections = approval({ title: 'Élections régionales : le calendrier', paragraphs: ['Les électeurs voteront en mars.'] });
      const noel = approval({ title: 'Marché de Noël', paragraphs: ['Le marché ouvre ses chalets à l’été indien.'] });
      const hidden = approval({ title: 'Élection secrète sous embargo', publishAt: at(3600_000) });
      for (const e of [elections, noel, hidden]) await t.deliver(e);
      const results = async (q: string) => {
        const $ = await page(`/recherche?q=${encodeURIComponent(q)}`);
        return $('ul.articles h2 a').map((_, a) => $(a).text()).get();
      };
      expect(await results('election regionale')).toEqual(['Élections régionales : le calendrier']);
      expect(await results('ÉLECTIONS')).toEqual(['Élections régionales : le calendrier']);
      expect(await results('noel')).toEqual(['Marché de Noël']);
      expect(await results('ÉTÉ INDIEN')).toEqual(['Marché de Noël']);
      expect(await results('inexistant')).toEqual([]);
      // A control character (NUL, which PostgreSQL text cannot hold) is read as a space, never a 500.
      expect(await results('noel\u0000\u0007indien')).toEqual(['Marché de Noël']);
      expect((await page('/recherche?q=inexistant'))('[role=status]').text()).toBe('Aucun article ne correspond à « inexistant ».');
      expect((await page('/recherche'))('[role=status]').text()).toBe('Indiquez un ou plusieurs mots.');
      expect((await page('/recherche?q=secrète'))('ul.articles')).toHaveLength(0);
    });
  });

  describe('feeds, sitemap, robots', () => {
    it('serves RSS 2.0 and Atom with absolute links, a sitemap of live pages and robots.txt', async () => {
      const event = approval({ title: 'Flux : <nouvelles> & “guillemets”', section: 'Services presses médias' });
      await t.deliver(event);
      const slug = await slugOf(event.data.articleId);
      const rss = await get('/feed.xml').expect(200);
      expect(rss.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
      const $rss = cheerio.load(rss.text, { xml: true });
      const item = $rss(`item:has(guid:contains("/articles/${slug}"))`);
      expect(item.find('title').text()).toBe(event.data.title);
      expect(item.find('link').text()).toBe(`${PUBLIC_URL}/articles/${slug}`);
      expect(item.find('category').text()).toBe('Services presse et médias');
      const atom = cheerio.load((await get('/atom.xml').expect(200)).text, { xml: true });
      expect(atom(`entry:has(id:contains("${event.data.articleId}")) link`).attr('href')).toBe(`${PUBLIC_URL}/articles/${slug}`);
      expect((await get('/rubriques/services-presse-et-medias/atom.xml').expect(200)).text).toContain(`/articles/${slug}`);
      expect((await get('/rubriques/apercu-general/feed.xml').expect(200)).text).not.toContain(`/articles/${slug}`);

      const sitemap = cheerio.load((await get('/sitemap.xml').expect(200)).text, { xml: true });
      const locs = sitemap('loc').map((_, l) => sitemap(l).text()).get();
      expect(locs).toEqual(expect.arrayContaining([`${PUBLIC_URL}/`, `${PUBLIC_URL}/rubriques/apercu-general`, `${PUBLIC_URL}/articles/${slug}`]));
      const robots = await get('/robots.txt').expect(200);
      expect(robots.text).toContain(`Sitemap: ${PUBLIC_URL}/sitemap.xml`);
      // Express's validator: a second request with it is a 304.
      await get('/feed.xml').set('If-None-Match', rss.headers.etag).expect(304);
    });
  });

  describe('the stored rendering on the wire', () => {
    it('is sent as brotli, gzip or identity as the client accepts, with Vary and a 304 for any coding’s ETag', async () => {
      const event = approval({ title: 'Compression : la page stockée' });
      await t.deliver(event);
      const slug = await slugOf(event.data.articleId);
      const plain = await get(`/articles/${slug}`).set('Accept-Encoding', 'identity').expect(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers.vary).toBe('Accept-Encoding');

      // The bytes as sent (supertest would decompress them).
      const server = (t.app.getHttpServer() as Server).listen(0);
      const port = (server.address() as AddressInfo).port;
      const raw = (encoding: string) =>
        new Promise<{ headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
          httpGet({ port, path: `/articles/${slug}`, headers: { 'Accept-Encoding': encoding } }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
          }).on('error', reject);
        });
      const br = await raw('gzip, deflate, br');
      expect(br.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(br.body).toString('utf8')).toBe(plain.text);
      const gz = await raw('gzip;q=1, br;q=0');
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gz.body).toString('utf8')).toBe(plain.text);
      expect(new Set([plain.headers.etag, br.headers.etag, gz.headers.etag]).size).toBe(3);

      await get(`/articles/${slug}`).set('Accept-Encoding', 'br').set('If-None-Match', String(br.headers.etag)).expect(304);
      await get(`/articles/${slug}`).set('Accept-Encoding', 'gzip').set('If-None-Match', String(br.headers.etag)).expect(304);
      await get(`/articles/${slug}`).set('If-None-Match', '"autre"').expect(200);
      await new Promise((resolve) => server.close(resolve));
    });
  });

  describe('languages', () => {
    it('surrounds an English article with the site’s English words, lang attributes set; French elsewhere, English on ?lang=en', async () => {
      const event = approval({ title: 'Trade agreement signed', language: 'en', section: 'Relations bilatérales', paragraphs: ['Both countries signed the agreement.'] });
      await t.deliver(event);
      const $ = await page(`/articles/${await slugOf(event.data.articleId)}`);
      expect($('html').attr('lang')).toBe('en');
      expect($('article').attr('lang')).toBe('en');
      expect($('nav.breadcrumb li').first().text()).toBe('Home');
      expect($('#abonnement').text()).toBe('Get our articles by email');

      const home = await page('/?lang=en');
      expect(home('html').attr('lang')).toBe('en');
      expect(home('h1').text()).toBe('Latest articles');
      expect((await page('/'))('h1').text()).toBe('Derniers articles');
      expect((await page('/articles/nulle-part', 404))('html').attr('lang')).toBe('fr');
    });
  });
});
