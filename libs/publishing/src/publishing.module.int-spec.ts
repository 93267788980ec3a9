import { signToken, solveChallenge } from '@newsroom/platform';
import { createTestDatabase, waitFor, type TestDatabase } from '@newsroom/messaging/testing';
import * as cheerio from 'cheerio';
import { randomUUID } from 'node:crypto';
import { approval, PUBLIC_URL, startPublishing, type PublishingHarness } from './testing/publishing-harness';

/**
 * The publishing service as it runs: the real module on real PostgreSQL, migrations applied, approvals
 * handed to its consumer through the local delivery (inbox included), pages and forms over HTTP.
 */
describe('PublishingModule on PostgreSQL', () => {
  let db: TestDatabase;
  let t: PublishingHarness;

  beforeAll(async () => {
    db = await createTestDatabase('publishing_test');
    t = await startPublishing({ DATABASE_URL: db.url });
  });

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const page = async (path: string, status = 200) => {
    const res = await t.http().get(path).expect(status);
    return cheerio.load(res.text);
  };
  const slugOf = async (articleId: string) => {
    const [row] = await t.db().query(`SELECT slug FROM publishing.article WHERE id = $1`, [articleId]);
    return row?.slug as string | undefined;
  };

  describe('publishing an approved article', () => {
    const paragraphs = [
      'Le festival revient du 18 au 20 juillet, annonce la mairie de Saint-Aubin-des-Prés.',
      'Trois scènes seront installées <script>alert("x")</script> place de la Mairie & au parc.',
      'L’entrée est libre ; les buvettes ferment à minuit.',
    ];
    const event = approval({ title: 'L’Été à Saint-Aubin : le festival revient', section: 'Vie locale', paragraphs });
    const slug = 'l-ete-a-saint-aubin-le-festival-revient';

    beforeAll(() => t.deliver(event));

    it('serves the page at its slug: breadcrumb, title, French date, every paragraph, both actions, the form', async () => {
      const res = await t.http().get(`/articles/${slug}`).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      const $ = cheerio.load(res.text);
      expect($('html').attr('lang')).toBe('fr');
      expect($('title').text()).toBe('L’Été à Saint-Aubin : le festival revient | Newsroom');
      expect($('link[rel=canonical]').attr('href')).toBe(`${PUBLIC_URL}/articles/${slug}`);

      const crumbs = $('nav.breadcrumb li')
        .map((_, li) => $(li).text().trim())
        .get();
      expect(crumbs).toEqual(['Accueil', 'Vie locale']);
      expect($('nav.breadcrumb a').attr('href')).toBe('/');

      const article = $('article');
      expect(article).toHaveLength(1);
      expect(article.find('h1').text()).toBe('L’Été à Saint-Aubin : le festival revient');
      expect(article.find('time').attr('datetime')).toBe('2020-07-16');
      expect(article.find('time').text()).toBe('16 juillet 2020');
      expect(
        article
          .find('p')
          .map((_, p) => $(p).text())
          .get(),
      ).toEqual(paragraphs);
      // The article element holds the article only: its only paragraphs are the article's (above), no site text.
      for (const outside of ['Accueil', 'Vie locale', 'Suggest To A Friend', 'Print', 'S\'abonner', 'Ne pas remplir']) expect(article.text()).not.toContain(outside);
      expect(article.find('nav, form, a')).toHaveLength(0);
      expect(res.text).not.toContain('<script>alert');

      const actions = $('article ~ .actions a');
      expect(actions.map((_, a) => $(a).text()).get()).toEqual(['Suggest To A Friend', 'Print']);
      expect(actions.map((_, a) => $(a).attr('href')).get()).toEqual([`/articles/${slug}/share`, `/articles/${slug}/print`]);
      expectSubscribeForm($);
    });

    it('announces it once, with its public address and a summary', async () => {
      const events = await t.publishedEvents(event.data.articleId);
      expect(events).toEqual([
        expect.objectContaining({
          articleId: event.data.articleId,
          revision: 1,
          slug,
          url: `${PUBLIC_URL}/articles/${slug}`,
          title: event.data.title,
          summary: paragraphs[0],
          publishedOn: '2020-07-16',
          section: 'Vie locale',
          language: 'fr',
        }),
      ]);
      const [row] = await t.db().query(`SELECT topic, payload FROM publishing.outbox WHERE message_key = $1`, [event.data.articleId]);
      expect(row.topic).toBe('publishing.article');
      expect(JSON.parse(row.payload)).toMatchObject({ causationId: event.id, correlationId: event.correlationId, aggregateId: event.data.articleId });
    });

    it('lists it on the home page, with the subscription form', async () => {
      const $ = await page('/');
      const item = $(`ul.articles li:has(a[href="/articles/${slug}"])`);
      expect(item.find('h2 a').text()).toBe(event.data.title);
      expect(item.find('time').attr('datetime')).toBe('2020-07-16');
      expect(item.find('time').text()).toBe('16 juillet 2020');
      expect(item.text()).toContain(paragraphs[0]);
      expectSubscribeForm($);
    });

    it('serves a clean print view: no navigation, no form, the permanent address at the bottom', async () => {
      const $ = await page(`/articles/${slug}/print`);
      expect($('nav, form, header, .actions, button, input')).toHaveLength(0);
      expect($('h1').text()).toBe(event.data.title);
      expect($('time').text()).toBe('16 juillet 2020');
      expect(
        $('article p')
          .map((_, p) => $(p).text())
          .get(),
      ).toEqual(paragraphs);
      expect($('body > footer').text()).toContain(`${PUBLIC_URL}/articles/${slug}`);
      expect($('body > :last-child').is('footer')).toBe(true);
      expect($('style').text()).toContain('@page');
    });

    it('answers conditional requests with 304, and a changed page with 200', async () => {
      const first = await t.http().get(`/articles/${slug}`).expect(200);
      const { etag, 'last-modified': lastModified, 'cache-control': cacheControl } = first.headers;
      expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
      expect(cacheControl).toBe('public, max-age=60');
      expect(new Date(lastModified).getTime()).toBeLessThanOrEqual(Date.now());

      const notModified = await t.http().get(`/articles/${slug}`).set('If-None-Match', etag).expect(304);
      expect(notModified.text ?? '').toBe('');
      expect(notModified.headers.etag).toBe(etag);
      await t.http().get(`/articles/${slug}`).set('If-Modified-Since', lastModified).expect(304);
      await t.http().get(`/articles/${slug}`).set('If-None-Match', '"something-else"').expect(200);
      await t.http().get(`/articles/${slug}`).set('If-Modified-Since', new Date(Date.parse(lastModified) - 60_000).toUTCString()).expect(200);
    });
  });

  describe('revisions', () => {
    it('re-renders a second revision under the same slug and announces it again; a redelivery or an older revision changes nothing', async () => {
      const first = approval({ title: 'Budget : le conseil vote mardi' });
      await t.deliver(first);
      const slug = await slugOf(first.data.articleId);
      expect(slug).toBe('budget-le-conseil-vote-mardi');
      const before = await t.http().get(`/articles/${slug}`).expect(200);

      const second = approval({ articleId: first.data.articleId, revision: 2, title: 'Budget : le conseil a voté', paragraphs: ['Le budget est adopté.', 'Vingt voix pour.'] });
      await t.deliver(second);
      expect(await slugOf(first.data.articleId)).toBe(slug);
      const after = await t.http().get(`/articles/${slug}`).expect(200);
      const $ = cheerio.load(after.text);
      expect($('article h1').text()).toBe('Budget : le conseil a voté');
      expect($('article p').map((_, p) => $(p).text()).get()).toEqual(['Le budget est adopté.', 'Vingt voix pour.']);
      expect(after.headers.etag).not.toBe(before.headers.etag);
      await t.http().get(`/articles/${slug}`).set('If-None-Match', before.headers.etag).expect(200);

      let events = await t.publishedEvents(first.data.articleId);
      expect(events.map((e) => [e.revision, e.slug, e.title])).toEqual([
        [1, slug, 'Budget : le conseil vote mardi'],
        [2, slug, 'Budget : le conseil a voté'],
      ]);

      await t.deliver(second); // the same event again: the inbox absorbs it
      await t.deliver(approval({ articleId: first.data.articleId, revision: 2, title: 'Même révision, autre événement' }));
      await t.deliver(approval({ articleId: first.data.articleId, revision: 1, title: 'Révision plus ancienne, arrivée en retard' }));
      events = await t.publishedEvents(first.data.articleId);
      expect(events).toHaveLength(2);
      const latest = await t.http().get(`/articles/${slug}`).expect(200);
      expect(latest.headers.etag).toBe(after.headers.etag);
    });

    it('gives a second article with the same title the slug -2, a third -3', async () => {
      const title = 'Collecte des déchets : nouveaux horaires';
      const events = [approval({ title }), approval({ title }), approval({ title })];
      for (const event of events) await t.deliver(event);
      const slugs = await Promise.all(events.map((e) => slugOf(e.data.articleId)));
      expect(slugs).toEqual(['collecte-des-dechets-nouveaux-horaires', 'collecte-des-dechets-nouveaux-horaires-2', 'collecte-des-dechets-nouveaux-horaires-3']);
      for (const [i, event] of events.entries()) {
        expect((await t.publishedEvents(event.data.articleId)).map((e) => e.url)).toEqual([`${PUBLIC_URL}/articles/${slugs[i]}`]);
        await page(`/articles/${slugs[i]}`);
      }
    });
  });

  describe('scheduled publication', () => {
    it('keeps an article invisible until its publishAt, then publishes it with its event', async () => {
      const publishAt = new Date(Date.now() + 1_500);
      const event = approval({ title: 'Embargo : résultats du concours', publishAt: publishAt.toISOString() });
      await t.deliver(event);
      const slug = await slugOf(event.data.articleId);
      expect(slug).toBe('embargo-resultats-du-concours');

      const $ = await page(`/articles/${slug}`, 404);
      expect($('h1').text()).toBe('Page introuvable');
      await t.http().get(`/articles/${slug}/print`).expect(404);
      await t.http().get(`/articles/${slug}/share`).expect(404);
      expect((await page('/'))(`a[href="/articles/${slug}"]`)).toHaveLength(0);
      expect(await t.publishedEvents(event.data.articleId)).toEqual([]);

      await waitFor('the scheduled publication', async () => (await t.http().get(`/articles/${slug}`)).status === 200, 15_000);
      const events = await t.publishedEvents(event.data.articleId);
      expect(events).toHaveLength(1);
      expect(Date.parse(events[0].publishedAt)).toBeGreaterThanOrEqual(publishAt.getTime());
      expect((await page('/'))(`a[href="/articles/${slug}"]`)).toHaveLength(1);
    });

    it('keeps the live revision visible while a later one waits for its time', async () => {
      const first = approval({ title: 'Travaux : la rue reste ouverte' });
      await t.deliver(first);
      const slug = await slugOf(first.data.articleId);
      const publishAt = new Date(Date.now() + 1_500);
      await t.deliver(approval({ articleId: first.data.articleId, revision: 2, title: 'Travaux : la rue sera fermée', publishAt: publishAt.toISOString() }));

      expect((await page(`/articles/${slug}`))('h1').text()).toBe('Travaux : la rue reste ouverte');
      expect((await page('/'))(`a[href="/articles/${slug}"]`).text()).toBe('Travaux : la rue reste ouverte');
      expect(await t.publishedEvents(first.data.articleId)).toHaveLength(1);

      await waitFor('the second revision', async () => (await page(`/articles/${slug}`))('h1').text() === 'Travaux : la rue sera fermée', 15_000);
      expect((await t.publishedEvents(first.data.articleId)).map((e) => [e.revision, e.slug])).toEqual([
        [1, slug],
        [2, slug],
      ]);
    });
  });

  it('answers an unknown slug with the French 404 page', async () => {
    for (const path of ['/articles/nulle-part', '/articles/nulle-part/print', '/articles/NOT_A_SLUG', '/articles/nulle-part/share']) {
      const res = await t.http().get(path).expect(404);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(cheerio.load(res.text)('h1').text()).toBe('Page introuvable');
    }
  });

  describe('Suggest To A Friend', () => {
    const event = approval({ title: 'Bibliothèque : ouverture le dimanche' });
    const slug = 'bibliotheque-ouverture-le-dimanche';
    const share = `/articles/${slug}/share`;
    let ipCounter = 0;
    /** Each test from its own network, so the per-IP and per-sender limits are only met where they are tested. */
    const newIp = () => `198.51.${++ipCounter}.7`;

    /** The hidden fields of a fresh form, its proof of work solved as the page's script would. */
    const freshForm = async () => {
      const $ = await page(share);
      // The share form (the page also has the site's search form).
      const form = $(`form[action$="${share}"]`);
      const challenge = form.attr('data-pow-challenge') as string;
      const difficulty = Number(form.attr('data-pow-difficulty'));
      expect(challenge && Number.isInteger(difficulty)).toBeTruthy();
      return { formToken: form.find('input[name=formToken]').val() as string, pow_challenge: challenge, pow_solution: solveChallenge(challenge, difficulty) };
    };
    const post = async (fields: Record<string, string>, ip = newIp()) =>
      t
        .http()
        .post(share)
        .set('X-Forwarded-For', ip)
        .type('form')
        .send({ friendEmail: 'marc.duval@example.org', senderName: 'Jeanne Lefèvre', note: '', website: '', ...(await freshForm()), ...fields });
    const newFriend = () => `ami-${randomUUID()}@example.org`;
    const shareEvents = () => t.shareEvents(event.data.articleId);

    beforeAll(() => t.deliver(event));

    it('shows the form: friend’s address, name, note, a hidden honeypot and a signed token', async () => {
      const $ = await page(share);
      const form = $(`form[method=post][action="${share}"]`);
      expect(form.find('input[name=friendEmail][type=email]')).toHaveLength(1);
      expect(form.find('input[name=senderName]')).toHaveLength(1);
      expect(form.find('textarea[name=note]').attr('maxlength')).toBe('500');
      const honeypot = form.find('input[name=website]');
      expect(honeypot.attr('tabindex')).toBe('-1');
      expect(honeypot.attr('autocomplete')).toBe('off');
      expect(honeypot.closest('.visually-hidden')).toHaveLength(1);
      expect(form.find('input[type=hidden][name=formToken]').val()).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
      expect($('meta[name=robots]').attr('content')).toBe('noindex');
    });

    it('accepts a valid form: 303 to the confirmation, one share event with the friend’s address, a hashed record', async () => {
      const before = (await shareEvents()).length;
      const res = await post({ friendEmail: 'Marc.Duval@example.org', note: 'Marc, c’est ta bibliothèque !' });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe(`${share}?envoye=1`);

      const events = (await shareEvents()).slice(before);
      expect(events).toEqual([
        expect.objectContaining({
          articleId: event.data.articleId,
          url: `${PUBLIC_URL}/articles/${slug}`,
          title: event.data.title,
          friendEmail: 'Marc.Duval@example.org',
          senderName: 'Jeanne Lefèvre',
          note: 'Marc, c’est ta bibliothèque !',
        }),
      ]);
      const [row] = await t.db().query(`SELECT article_id, friend_hash, sender_name, ip_hash FROM publishing.share_request WHERE id = $1`, [events[0].shareId]);
      expect(row).toMatchObject({ article_id: event.data.articleId, sender_name: 'Jeanne Lefèvre' });
      expect(row.friend_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(row)).not.toMatch(/marc|198\.51/i);

      const $ = await page(res.headers.location);
      expect($('[role=status]').text()).toBe('Merci, votre suggestion a été envoyée à votre ami.');
    });

    it.each([
      ['a bad email', { friendEmail: 'marc.duval@' }, 'friendEmail', 'n’est pas valide'],
      ['a name with CR LF', { senderName: 'Jeanne\r\nBcc: victim@example.org' }, 'senderName', 'une seule ligne'],
      ['a name with an encoded line break', { senderName: 'Jeanne%0d%0aBcc: victim@example.org' }, 'senderName', 'une seule ligne'],
      ['a link in the note', { note: 'Regarde https://evil.example/promo' }, 'note', 'lien'],
      ['www. in the note', { note: 'Regarde www.evil.example' }, 'note', 'lien'],
      ['a note too long', { note: 'n'.repeat(501) }, 'note', '500 caractères'],
      ['no name', { senderName: '  ' }, 'senderName', 'Indiquez votre nom'],
    ])('answers %s with 400, the form again with the French message next to the field, and no event', async (_, fields, field, message) => {
      const before = (await shareEvents()).length;
      const res = await post(fields);
      expect(res.status).toBe(400);
      const $ = cheerio.load(res.text);
      expect($(`#${field}`).attr('aria-invalid')).toBe('true');
      expect($(`#${field}-error`).text()).toContain(message);
      expect($('input[name=formToken]').val()).toBeTruthy();
      if (field !== 'friendEmail') expect($('#friendEmail').val()).toBe('marc.duval@example.org');
      expect(await shareEvents()).toHaveLength(before);
    });

    it.each([
      ['a missing token', () => ''],
      ['a token for another article', () => signToken(t.config.APP_SECRET, 'share-form', { slug: 'autre-article' }, 7200)],
      ['an expired token', () => signToken(t.config.APP_SECRET, 'share-form', { slug }, 7200, Date.now() - 3 * 3600_000)],
      ['a token signed with another key', () => signToken('x'.repeat(40), 'share-form', { slug }, 7200)],
      ['a token made for another purpose', () => signToken(t.config.APP_SECRET, 'session', { slug }, 7200)],
    ])('refuses %s with 400 and no event', async (_, token) => {
      const before = (await shareEvents()).length;
      const res = await post({ formToken: token() });
      expect(res.status).toBe(400);
      expect(cheerio.load(res.text)('[role=alert]').text()).toContain('expiré');
      expect(await shareEvents()).toHaveLength(before);
    });

    it('pretends to accept a form whose honeypot is filled, and sends nothing', async () => {
      const before = (await shareEvents()).length;
      const res = await post({ website: 'https://spam.example' });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe(`${share}?envoye=1`);
      expect(await shareEvents()).toHaveLength(before);
    });

    it('limits suggestions to one friend to 3 a day (429, French page, Retry-After)', async () => {
      const friendEmail = newFriend();
      for (let i = 0; i < 3; i++) expect((await post({ friendEmail: i === 1 ? friendEmail.toUpperCase() : friendEmail })).status).toBe(303);
      const refused = await post({ friendEmail });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3600);
      expect(cheerio.load(refused.text)('h1').text()).toBe('Trop de demandes');
      expect((await shareEvents()).filter((e) => e.friendEmail.toLowerCase() === friendEmail)).toHaveLength(3);
    });

    it('limits one IP to 10 suggestions an hour', async () => {
      const ip = newIp();
      for (let i = 0; i < 10; i++) expect((await post({ friendEmail: `ami${i}-${randomUUID()}@example.org` }, ip)).status).toBe(303);
      const before = (await shareEvents()).length;
      const refused = await post({ friendEmail: `ami-${randomUUID()}@example.org` }, ip);
      expect(refused.status).toBe(429);
      expect(await shareEvents()).toHaveLength(before);
      expect((await post({ friendEmail: `ami-${randomUUID()}@example.org` })).status).toBe(303);
    });

    it('limits one sender (same name, normalised, from one network) to 20 suggestions a day', async () => {
      const network = newIp().replace(/\.7$/, '');
      for (let i = 0; i < 20; i++) {
        const name = i % 2 ? 'Paul  MARTIN' : 'paul martin';
        expect((await post({ senderName: name, friendEmail: newFriend() }, `${network}.${i + 1}`)).status).toBe(303);
      }
      const before = (await shareEvents()).length;
      const refused = await post({ senderName: 'Paul Martin', friendEmail: newFriend() }, `${network}.200`);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(23 * 3600);
      expect(cheerio.load(refused.text)('h1').text()).toBe('Trop de demandes');
      expect(await shareEvents()).toHaveLength(before);
      // Another name from that network, or that name from elsewhere, is another sender.
      expect((await post({ senderName: 'Anne Martin', friendEmail: newFriend() }, `${network}.201`)).status).toBe(303);
      expect((await post({ senderName: 'Paul Martin', friendEmail: newFriend() })).status).toBe(303);
    });

    it('caps the whole site at 500 suggestions a day, counted in the database', async () => {
      const [{ count }] = await t.db().query(`SELECT count(*)::int AS count FROM publishing.share_request WHERE requested_at > now() - interval '1 day'`);
      const filler = Array.from({ length: 499 - count }, () => randomUUID());
      const insert = `INSERT INTO publishing.share_request (id, article_id, friend_hash, sender_name, requested_at, ip_hash, sender_hash, proof_of_work)
        SELECT id, $2, 'f' || id, 'Remplissage', now() - interval '1 hour', 'i' || id, 's' || id, true FROM unnest($1::uuid[]) AS id`;
      await t.db().query(insert, [filler, event.data.articleId]);
      try {
        expect((await post({ friendEmail: newFriend() })).status).toBe(303);
        const before = (await shareEvents()).length;
        const refused = await post({ friendEmail: newFriend() });
        expect(refused.status).toBe(429);
        expect(Number(refused.headers['retry-after'])).toBeGreaterThan(22 * 3600);
        expect(await shareEvents()).toHaveLength(before);
      } finally {
        await t.db().query(`DELETE FROM publishing.share_request WHERE id = ANY($1::uuid[])`, [filler]);
      }
    });

    it('takes a form without proof of work (no JavaScript) on the stricter path: 3 an hour from one IP', async () => {
      const ip = newIp();
      for (let i = 0; i < 3; i++) expect((await post({ pow_solution: '', friendEmail: newFriend() }, ip)).status).toBe(303);
      const before = (await shareEvents()).length;
      const refused = await post({ pow_solution: '', pow_challenge: '', friendEmail: newFriend() }, ip);
      expect(refused.status).toBe(429);
      expect(await shareEvents()).toHaveLength(before);
      // With the work done, the same address still has its usual allowance.
      expect((await post({ friendEmail: newFriend() }, ip)).status).toBe(303);
    });

    it.each([
      ['a forged challenge', async () => ({ pow_challenge: 'forged.challenge', pow_solution: '1' })],
      ['an unsolved challenge', async () => ({ ...(await freshForm()), pow_solution: 'abc' })],
      ['a challenge signed for another form', async () => ({ pow_challenge: signToken(t.config.APP_SECRET, 'proof-of-work:newsletter-subscribe', { n: 'x', d: 0 }, 600), pow_solution: '0' })],
    ])('refuses %s with 400, a fresh form and no event', async (_, proof) => {
      const before = (await shareEvents()).length;
      const res = await post(await proof());
      expect(res.status).toBe(400);
      const $ = cheerio.load(res.text);
      expect($('[role=alert]').text()).toContain('déjà été envoyé ou n’a pas pu être vérifié');
      expect($(`form[action$="${share}"]`).attr('data-pow-challenge')).toBeTruthy();
      expect(await shareEvents()).toHaveLength(before);
    });

    it('spends a solved challenge once: the same proof again is refused with 400', async () => {
      const form = await freshForm();
      const before = (await shareEvents()).length;
      expect((await post({ ...form, friendEmail: newFriend() })).status).toBe(303);
      expect((await post({ ...form, friendEmail: newFriend() })).status).toBe(400);
      expect((await shareEvents()).length).toBe(before + 1);
    });

    it('puts the proof of work on the page: challenge, difficulty, hidden fields and the inline script', async () => {
      const $ = await page(share);
      const form = $(`form[action$="${share}"]`);
      const challenge = form.attr('data-pow-challenge');
      expect(challenge).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
      expect(form.attr('data-pow-difficulty')).toBe('14');
      expect(form.find('input[name=pow_challenge]').val()).toBe(challenge);
      expect(form.find('input[name=pow_solution]').val()).toBe('');
      expect($('script').text()).toContain('crypto.subtle');
    });

    it('answers 404 for an unknown or not yet published article', async () => {
      const token = signToken(t.config.APP_SECRET, 'share-form', { slug: 'inconnu' }, 7200);
      const res = await t.http().post('/articles/inconnu/share').type('form').send({ friendEmail: 'a@example.org', senderName: 'A', formToken: token });
      expect(res.status).toBe(404);
      expect(cheerio.load(res.text)('h1').text()).toBe('Page introuvable');

      const later = approval({ title: 'Pas encore publié', publishAt: new Date(Date.now() + 3_600_000).toISOString() });
      await t.deliver(later);
      const laterSlug = await slugOf(later.data.articleId);
      const scheduledToken = signToken(t.config.APP_SECRET, 'share-form', { slug: laterSlug }, 7200);
      await t.http().get(`/articles/${laterSlug}/share`).expect(404);
      await t.http().post(`/articles/${laterSlug}/share`).type('form').send({ friendEmail: 'a@example.org', senderName: 'A', formToken: scheduledToken }).expect(404);
      expect(await t.shareEvents(later.data.articleId)).toEqual([]);
    });
  });
});

function expectSubscribeForm($: cheerio.CheerioAPI): void {
  const form = $('form[method=post][action="/newsletter/subscribe"]');
  expect(form).toHaveLength(1);
  expect(form.find('input[name=email][type=email]')).toHaveLength(1);
  const honeypot = form.find('input[name=website][type=text]');
  expect(honeypot.attr('tabindex')).toBe('-1');
  expect(honeypot.attr('autocomplete')).toBe('off');
  expect(honeypot.closest('label').text().trim()).toBe('Ne pas remplir');
  expect(honeypot.closest('.visually-hidden')).toHaveLength(1);
  expect(form.find('button[type=submit]').text()).toBe('S\'abonner');
}
