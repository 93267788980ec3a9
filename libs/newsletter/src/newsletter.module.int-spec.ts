import { createTestDatabase, waitFor, type TestDatabase } from '@newsroom/messaging/testing';
import { signToken, solveChallenge } from '@newsroom/platform';
import * as cheerio from 'cheerio';
import { randomUUID } from 'node:crypto';
import type request from 'supertest';
import { rawHeader, startSmtpSink, type ReceivedMail, type SmtpSink } from './testing/smtp-sink';
import { articlePublished, MAIL_FROM, PUBLIC_URL, shareRequested, SITE_NAME, startNewsletter, type NewsletterHarness } from './testing/newsletter-harness';

const HOST = new URL(PUBLIC_URL).hostname;

interface MailRow {
  id: string;
  kind: string;
  recipient: string;
  status: string;
  attempts: number;
  last_error: string | null;
  message_id: string | null;
  dedupe_key: string;
}

/**
 * The newsletter service as it runs: the real module on real PostgreSQL, events through a producer's
 * outbox and the newsletter's inbox, forms and links over HTTP, and every email through a real SMTP
 * server, parsed as a mail client would.
 */
describe('NewsletterModule on PostgreSQL, sending through SMTP', () => {
  let db: TestDatabase;
  let sink: SmtpSink;
  let t: NewsletterHarness;

  beforeAll(async () => {
    db = await createTestDatabase('newsletter_test');
    sink = await startSmtpSink();
    t = await startNewsletter({ DATABASE_URL: db.url, SMTP_URL: sink.url });
  });

  afterAll(async () => {
    await t?.close();
    await sink?.close();
    await db?.drop();
  });

  // Each scenario comes from its own client address, so the per-client limit only bites where it is tested.
  let clients = 0;
  const newClient = () => `198.51.100.${++clients}`;
  const newAddress = (name: string) => `${name}-${randomUUID().slice(0, 8)}@example.org`;

  /** What the form page's script does: solve the page's challenge. */
  const proofOfWork = async () => {
    const { challenge, difficulty } = (await t.http().get('/api/newsletter/challenge').expect(200)).body as { challenge: string; difficulty: number };
    return { challenge, solution: solveChallenge(challenge, difficulty) };
  };
  /** A request built after an async step (solving the proof of work), still chained with supertest's `.expect`. */
  const later = (build: () => Promise<{ test: request.Test }>) => ({
    expect: async (status: number, body?: unknown): Promise<request.Response> => {
      const { test } = await build();
      return body === undefined ? test.expect(status) : test.expect(status, body);
    },
  });
  /** The form as a browser with JavaScript posts it (the proof of work solved), unless `withoutScript`. */
  const subscribeByForm = (form: Record<string, string>, ip = newClient(), withoutScript = false) =>
    later(async () => {
      const pow = withoutScript ? {} : await proofOfWork().then(({ challenge, solution }) => ({ pow_challenge: challenge, pow_solution: solution }));
      return { test: t.http().post('/newsletter/subscribe').set('X-Forwarded-For', ip).type('form').send({ ...pow, ...form }) };
    });
  const subscribeByApi = (body: unknown, ip = newClient(), withProofOfWork = true) =>
    later(async () => {
      const simple = body && typeof body === 'object' && 'email' in body && Object.keys(body).length === 1;
      const extra = withProofOfWork && simple ? { proofOfWork: await proofOfWork() } : {};
      return { test: t.http().post('/api/newsletter/subscriptions').set('X-Forwarded-For', ip).send({ ...(body as object), ...extra }) };
    });

  const subscriber = async (email: string) => {
    const rows: { id: string; status: string; consent_source: string; consent_ip_hash: string | null; confirmed_at: Date | null; unsubscribed_at: Date | null }[] =
      await t.db().query(`SELECT id, status, consent_source, consent_ip_hash, confirmed_at, unsubscribed_at FROM newsletter.subscriber WHERE email = $1`, [email]);
    return rows[0];
  };
  const mailRows = (recipient: string, kind?: string): Promise<MailRow[]> =>
    t.db().query(
      `SELECT id, kind, recipient, status, attempts, last_error, message_id, dedupe_key FROM newsletter.outgoing_mail
        WHERE recipient = $1 AND ($2::text IS NULL OR kind = $2) ORDER BY created_at`,
      [recipient, kind ?? null],
    );
  /** The next email to `address` that `matches`, once the SMTP server accepted it. */
  const receive = (address: string, matches: (mail: ReceivedMail) => boolean = () => true) =>
    waitFor(`an email to ${address}`, async () => sink.to(address).find(matches));
  const queueDrained = () =>
    waitFor('the outgoing mail queue to drain', async () => {
      const [{ n }] = await t.db().query(`SELECT count(*)::int AS n FROM newsletter.outgoing_mail WHERE status IN ('queued', 'sending')`);
      return n === 0;
    });
  const pathOf = (url: string) => url.slice(PUBLIC_URL.length);
  const confirmLinkIn = (mail: ReceivedMail) => {
    const link = new RegExp(`${PUBLIC_URL.replace(/\./g, '\\.')}/newsletter/confirm\\?token=[A-Za-z0-9_.%-]+`).exec(mail.parsed.text ?? '')?.[0];
    if (!link) throw new Error(`no confirmation link in ${mail.parsed.text}`);
    return link;
  };
  const tokenOf = (url: string) => new URL(url).searchParams.get('token') ?? '';
  /** The whole way to a confirmed subscriber: form, email, link, button. */
  const confirmedSubscriber = async (name: string) => {
    const email = newAddress(name);
    await subscribeByForm({ email }).expect(303);
    const link = confirmLinkIn(await receive(email));
    await t.http().post('/newsletter/confirm').type('form').send({ token: tokenOf(link) }).expect(200);
    expect((await subscriber(email)).status).toBe('confirmed');
    return email;
  };

  describe('subscribing from the site’s form', () => {
    const email = newAddress('claire');
    let confirmation: ReceivedMail;

    it('answers 303 to a French “check your inbox” page and stores a pending subscriber with its consent', async () => {
      const ip = newClient();
      const res = await subscribeByForm({ email: `  ${email.toUpperCase()} `, website: '' }, ip).expect(303);
      expect(res.headers.location).toBe('/newsletter/subscribe?attente=1');
      const page = await t.http().get(res.headers.location).expect(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(cheerio.load(page.text)('h1').text()).toBe('Vérifiez votre boîte de réception…');

      const row = await subscriber(email);
      expect(row).toMatchObject({ status: 'pending', consent_source: 'site form', confirmed_at: null });
      expect(row.consent_ip_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.consent_ip_hash).not.toContain(ip);
    });

    it('sends exactly one confirmation email, from MAIL_FROM, with a deterministic Message-ID and the link in both parts', async () => {
      confirmation = await receive(email);
      const [row, ...others] = await mailRows(email);
      expect(others).toEqual([]);
      expect(row).toMatchObject({ kind: 'confirmation', status: 'sent', attempts: 1, message_id: `<${row.id}@${HOST}>` });
      expect(sink.to(email)).toHaveLength(1);

      const { parsed } = confirmation;
      expect(parsed.subject).toBe(`Confirmez votre abonnement à ${SITE_NAME}`);
      expect(parsed.from?.value).toEqual([{ name: 'Mairie de Saint-Aubin', address: 'presse@saint-aubin.example.fr' }]);
      expect(parsed.messageId).toBe(`<${row.id}@${HOST}>`);
      const link = confirmLinkIn(confirmation);
      const $ = cheerio.load(String(parsed.html));
      expect($('a').map((_, a) => $(a).attr('href')).get()).toEqual([link]);
    });

    it('shows a button on GET and changes nothing, so a mail scanner following the link confirms nothing', async () => {
      const link = confirmLinkIn(confirmation);
      const res = await t.http().get(pathOf(link)).expect(200);
      expect(res.headers['cache-control']).toBe('no-store');
      const $ = cheerio.load(res.text);
      expect($('form').attr('method')).toBe('post');
      expect($('form').attr('action')).toBe('/newsletter/confirm');
      expect($('form input[name=token]').val()).toBe(tokenOf(link));
      expect($('form button').text()).toBe('Confirmer mon abonnement');
      expect((await subscriber(email)).status).toBe('pending');
    });

    it('confirms on POST', async () => {
      const res = await t.http().post('/newsletter/confirm').type('form').send({ token: tokenOf(confirmLinkIn(confirmation)) }).expect(200);
      expect(cheerio.load(res.text)('h1').text()).toBe('Votre abonnement est confirmé.');
      const row = await subscriber(email);
      expect(row.status).toBe('confirmed');
      expect(row.confirmed_at).toBeInstanceOf(Date);
      // Pressing it again is harmless.
      await t.http().post('/newsletter/confirm').type('form').send({ token: tokenOf(confirmLinkIn(confirmation)) }).expect(200);
    });

    it('refuses a forged, truncated, foreign or expired link with a French 400 page', async () => {
      const { id } = await subscriber(email);
      const valid = tokenOf(confirmLinkIn(confirmation));
      const secret = t.config.APP_SECRET;
      const forged = [
        'n-importe-quoi',
        valid.slice(0, -2),
        signToken(secret, 'newsletter-unsubscribe', { sid: id, email }, 3600),
        signToken(secret, 'newsletter-confirm', { sid: id, email }, 3600, Date.now() - 2 * 3600_000),
        signToken('another-secret-another-secret-another', 'newsletter-confirm', { sid: id, email }, 3600),
      ];
      for (const token of forged) {
        const shown = await t.http().get('/newsletter/confirm').query({ token }).expect(400);
        expect(cheerio.load(shown.text)('h1').text()).toBe('Ce lien n’est pas valable');
        await t.http().post('/newsletter/confirm').type('form').send({ token }).expect(400);
      }
      // Well signed, but for an address the subscriber does not have (GET only checks the signature: it reads nothing).
      const foreign = signToken(secret, 'newsletter-confirm', { sid: id, email: 'quelqu-un-d-autre@example.org' }, 3600);
      const refused = await t.http().post('/newsletter/confirm').type('form').send({ token: foreign }).expect(400);
      expect(cheerio.load(refused.text)('h1').text()).toBe('Ce lien n’est pas valable');
      const unknown = signToken(secret, 'newsletter-confirm', { sid: randomUUID(), email }, 3600);
      await t.http().post('/newsletter/confirm').type('form').send({ token: unknown }).expect(400);
      await t.http().get('/newsletter/confirm').expect(400);
      await t.http().post('/newsletter/confirm').type('form').send({}).expect(400);
    });

    it('answers a second request for a confirmed address exactly as for a new one, and sends nothing', async () => {
      const res = await subscribeByForm({ email }).expect(303);
      expect(res.headers.location).toBe('/newsletter/subscribe?attente=1');
      await subscribeByApi({ email }).expect(202, { status: 'pending' });
      expect(await mailRows(email)).toHaveLength(1);
      expect((await subscriber(email)).status).toBe('confirmed');
    });

    it('shows the form itself, honeypot and proof-of-work challenge included', async () => {
      const $ = cheerio.load((await t.http().get('/newsletter/subscribe').expect(200)).text);
      expect($('form').attr('action')).toBe('/newsletter/subscribe');
      expect($('form input[name=email]').attr('type')).toBe('email');
      expect($('form input[name=website]').attr('tabindex')).toBe('-1');
      const challenge = $('form').attr('data-pow-challenge');
      expect(challenge).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
      expect($('form input[name=pow_challenge]').val()).toBe(challenge);
      expect($('form').attr('data-pow-difficulty')).toBe('14');
      expect($('script').text()).toContain("crypto.subtle.digest('SHA-256'");
    });

    it('shows the form again with a French error for an invalid address', async () => {
      const res = await subscribeByForm({ email: 'pas-une-adresse' }).expect(400);
      const $ = cheerio.load(res.text);
      expect($('.error').text()).toContain('n’est pas valide');
      expect($('input[name=email]').val()).toBe('pas-une-adresse');
      expect(await subscriber('pas-une-adresse')).toBeUndefined();
    });
  });

  describe('subscribing over the JSON API', () => {
    it('answers 202 { status: pending } and sends one confirmation email with a working link', async () => {
      const email = newAddress('api');
      await subscribeByApi({ email }).expect(202, { status: 'pending' });
      expect(await subscriber(email)).toMatchObject({ status: 'pending', consent_source: 'api' });
      const mail = await receive(email);
      expect(await mailRows(email, 'confirmation')).toHaveLength(1);
      await t.http().get(pathOf(confirmLinkIn(mail))).expect(200);
      await t.http().post('/newsletter/confirm').type('form').send({ token: tokenOf(confirmLinkIn(mail)) }).expect(200);
      expect((await subscriber(email)).status).toBe('confirmed');
    });

    it('answers a clear 400 for bad input', async () => {
      const cases: [unknown, string][] = [
        [{ email: 'nope' }, 'email : adresse électronique invalide'],
        [{}, 'email : adresse électronique attendue'],
        [{ email: 42 }, 'email : adresse électronique attendue'],
        [{ email: 'a@b.co', extra: true }, 'Clé non reconnue : "extra"'],
      ];
      for (const [body, problem] of cases) {
        const res = await subscribeByApi(body).expect(400);
        expect(res.body).toEqual({ statusCode: 400, message: `requête invalide — ${problem}`, error: 'Bad Request' });
      }
      const text = await t.http().post('/api/newsletter/subscriptions').set('X-Forwarded-For', newClient()).type('text').send('a@b.co').expect(400);
      expect(text.body.statusCode).toBe(400);
    });
  });

  it('ignores a filled honeypot: the answer a person gets, nothing stored, nothing sent', async () => {
    const email = newAddress('robot');
    const res = await subscribeByForm({ email, website: 'https://spam.example' }).expect(303);
    expect(res.headers.location).toBe('/newsletter/subscribe?attente=1');
    expect(await subscriber(email)).toBeUndefined();
    expect(await mailRows(email)).toEqual([]);
  });

  describe('without the proof of work (no JavaScript, or a bot)', () => {
    it('still subscribes a person, on a slower path: 3 requests per hour per client, then a 429 that says why', async () => {
      const ip = newClient();
      const first = newAddress('sans-js');
      await subscribeByForm({ email: first }, ip, true).expect(303);
      expect(await subscriber(first)).toMatchObject({ status: 'pending', consent_source: 'site form' });
      await subscribeByForm({ email: newAddress('sans-js') }, ip, true).expect(303);
      await subscribeByForm({ email: newAddress('sans-js') }, ip, true).expect(303);
      const refused = await subscribeByForm({ email: newAddress('sans-js') }, ip, true).expect(429);
      expect(cheerio.load(refused.text)('p').text()).toContain('vérification automatique');
      // The same client with the work done is not on the slower path.
      await subscribeByForm({ email: newAddress('avec-js') }, ip).expect(303);
      await subscribeByApi({ email: newAddress('api-sans-preuve') }, ip, false).expect(429);
    });

    it('spends a solved challenge once: replayed, it is the slower path again', async () => {
      const ip = newClient();
      const { challenge, solution } = await proofOfWork();
      const send = (email: string) => t.http().post('/newsletter/subscribe').set('X-Forwarded-For', ip).type('form').send({ email, pow_challenge: challenge, pow_solution: solution });
      for (let i = 0; i < 4; i++) await send(newAddress('rejoue')).expect(303);
      await send(newAddress('rejoue')).expect(429);
    });

    it('takes a wrong or forged solution as no solution', async () => {
      const ip = newClient();
      const { challenge } = await proofOfWork();
      for (let i = 0; i < 3; i++) await subscribeByForm({ email: newAddress('faux'), pow_challenge: challenge, pow_solution: 'abc' }, ip, true).expect(303);
      await subscribeByForm({ email: newAddress('faux'), pow_challenge: 'forged.challenge', pow_solution: '1' }, ip, true).expect(429);
    });
  });

  describe('rate limits', () => {
    it('allows 5 requests per 10 minutes per client, then answers 429 (HTML for the form, JSON for the API)', async () => {
      const ip = newClient();
      for (let i = 0; i < 5; i++) await subscribeByForm({ email: newAddress('voisin') }, ip).expect(303);
      const email = newAddress('sixieme');
      const page = await subscribeByForm({ email }, ip).expect(429);
      expect(Number(page.headers['retry-after'])).toBeGreaterThan(0);
      expect(cheerio.load(page.text)('h1').text()).toBe('Trop de demandes');
      const json = await subscribeByApi({ email }, ip).expect(429);
      expect(json.body).toEqual({ statusCode: 429, message: expect.stringContaining('Trop de demandes') });
      expect(await subscriber(email)).toBeUndefined();
      await subscribeByApi({ email }).expect(202);
    });

    it('allows 3 requests per address per day, whoever asks: at most 3 confirmation emails', async () => {
      const email = newAddress('cible');
      for (let i = 0; i < 3; i++) await subscribeByForm({ email }).expect(303);
      await subscribeByForm({ email }).expect(429);
      await subscribeByApi({ email }).expect(429);
      await waitFor('three confirmation emails', async () => sink.to(email).length === 3);
      expect(await mailRows(email, 'confirmation')).toHaveLength(3);
    });
  });

  describe('alerts for a published article', () => {
    let confirmed: string;
    let pending: string;
    const event = articlePublished({ title: 'Rue des Tilleuls : travaux & coupures <d’eau>', publishedOn: '2024-05-01' });
    let alert: ReceivedMail;

    beforeAll(async () => {
      confirmed = await confirmedSubscriber('abonne');
      pending = newAddress('en-attente');
      await subscribeByApi({ email: pending }).expect(202);
      await t.deliver(event);
    });

    it('sends exactly one alert to the confirmed subscriber, none to the pending one', async () => {
      alert = await receive(confirmed, (mail) => mail.parsed.subject === event.data.title);
      expect(await mailRows(confirmed, 'alert')).toEqual([expect.objectContaining({ dedupe_key: `alert:${event.data.articleId}:${(await subscriber(confirmed)).id}` })]);
      expect(await mailRows(pending, 'alert')).toEqual([]);
    });

    it('says in French what was published and where, with the unsubscribe headers', async () => {
      const { parsed } = alert;
      const text = parsed.text ?? '';
      expect(text).toContain(event.data.title);
      expect(text).toContain('1er mai 2024');
      expect(text).toContain(event.data.summary);
      expect(text).toContain(`Lire l'article : ${event.data.url}`);

      const unsubscribeUrl = /^<(.+)>$/.exec(rawHeader(parsed, 'List-Unsubscribe') ?? '')?.[1] ?? '';
      expect(unsubscribeUrl).toMatch(new RegExp(`^${PUBLIC_URL.replace(/\./g, '\\.')}/newsletter/unsubscribe\\?token=`));
      expect(rawHeader(parsed, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
      expect(rawHeader(parsed, 'List-Id')).toMatch(new RegExp(` <newsletter\\.${HOST.replace(/\./g, '\\.')}>$`));
      expect(text).toContain(`Se désabonner : ${unsubscribeUrl}`);

      const $ = cheerio.load(String(parsed.html));
      expect($('h1').text()).toBe(event.data.title);
      expect($('time').text()).toBe('1er mai 2024');
      const [, preferencesUrl] = $('a').map((_, a) => $(a).attr('href')).get();
      expect(preferencesUrl).toMatch(new RegExp(`^${PUBLIC_URL.replace(/\./g, '\\.')}/newsletter/preferences\\?token=`));
      expect($('a').map((_, a) => $(a).attr('href')).get()).toEqual([event.data.url, preferencesUrl, unsubscribeUrl]);
      expect($('a').last().text()).toBe('Se désabonner');
      expect(text).toContain(`Gérer mes préférences : ${preferencesUrl}`);
      expect(String(parsed.html)).not.toContain('<d’eau>');
      expect(String(parsed.html)).not.toContain('{{');
    });

    it('sends no second alert when the same event is redelivered, replayed under a new id, or a correction is published', async () => {
      await t.redeliver(event);
      await t.deliver(articlePublished({ ...event.data }));
      await t.deliver(articlePublished({ ...event.data, revision: 2, title: 'Rue des Tilleuls : les travaux durent une semaine de plus' }));
      await queueDrained();
      expect(await mailRows(confirmed, 'alert')).toHaveLength(1);
      expect(sink.to(confirmed).filter((mail) => mail.parsed.subject !== `Confirmez votre abonnement à ${SITE_NAME}`)).toHaveLength(1);
      expect(await mailRows(pending, 'alert')).toEqual([]);
    });
  });

  describe('unsubscribing', () => {
    let leaving: string;
    let staying: string;
    let unsubscribeUrl: string;

    beforeAll(async () => {
      leaving = await confirmedSubscriber('partant');
      staying = await confirmedSubscriber('restant');
      const first = articlePublished({ title: 'Le marché de Noël ouvre samedi' });
      await t.deliver(first);
      const alert = await receive(leaving, (mail) => mail.parsed.subject === first.data.title);
      unsubscribeUrl = /^<(.+)>$/.exec(rawHeader(alert.parsed, 'List-Unsubscribe') ?? '')?.[1] ?? '';
    });

    it('shows a button on GET and changes nothing', async () => {
      const $ = cheerio.load((await t.http().get(pathOf(unsubscribeUrl)).expect(200)).text);
      expect($('form').attr('method')).toBe('post');
      expect($('form').attr('action')).toBe('/newsletter/unsubscribe');
      expect($('form input[name=token]').val()).toBe(tokenOf(unsubscribeUrl));
      expect((await subscriber(leaving)).status).toBe('confirmed');
    });

    it('unsubscribes on the one-click POST a mail client sends (RFC 8058), and the next article alerts everyone else but not them', async () => {
      const res = await t.http().post(pathOf(unsubscribeUrl)).type('form').send('List-Unsubscribe=One-Click').expect(200);
      expect(cheerio.load(res.text)('h1').text()).toBe('Vous êtes désabonné(e).');
      const row = await subscriber(leaving);
      expect(row.status).toBe('unsubscribed');
      expect(row.unsubscribed_at).toBeInstanceOf(Date);

      const next = articlePublished({ title: 'La bibliothèque étend ses horaires' });
      await t.deliver(next);
      await receive(staying, (mail) => mail.parsed.subject === next.data.title);
      expect((await mailRows(leaving, 'alert')).map((mail) => mail.dedupe_key)).not.toContainEqual(expect.stringContaining(next.data.articleId));
      expect(sink.to(leaving).some((mail) => mail.parsed.subject === next.data.title)).toBe(false);
    });

    it('unsubscribes with the button too, idempotently, and refuses a forged link', async () => {
      await t.http().post('/newsletter/unsubscribe').type('form').send({ token: tokenOf(unsubscribeUrl) }).expect(200);
      await t.http().post('/newsletter/unsubscribe').type('form').send({ token: 'forged.token' }).expect(400);
      await t.http().get('/newsletter/unsubscribe').query({ token: 'forged.token' }).expect(400);
      expect((await subscriber(leaving)).status).toBe('unsubscribed');
    });

    it('does not let an old confirmation link subscribe an address that unsubscribed since', async () => {
      const [confirmation] = sink.to(leaving);
      const res = await t.http().post('/newsletter/confirm').type('form').send({ token: tokenOf(confirmLinkIn(confirmation)) }).expect(409);
      expect(cheerio.load(res.text)('h1').text()).toBe('Ce lien n’est plus valable');
      expect((await subscriber(leaving)).status).toBe('unsubscribed');
    });

    it('brings an unsubscribed address back to pending with a new confirmation email', async () => {
      await subscribeByForm({ email: leaving }).expect(303);
      expect((await subscriber(leaving)).status).toBe('pending');
      await waitFor('a second confirmation email', async () => sink.to(leaving).filter((mail) => mail.parsed.subject?.startsWith('Confirmez')).length === 2);
      expect(await mailRows(leaving, 'confirmation')).toHaveLength(2);
    });
  });

  describe('Suggest To A Friend', () => {
    it('sends exactly one email to the friend, from the site’s address, naming the sender, the note as text, the article link', async () => {
      const event = shareRequested({
        senderName: 'Jeanne Lefèvre',
        note: 'Marc, c’est ta rue ! <b>Important</b> — voir https://spam.example/offre',
      });
      await t.deliver(event);
      const { parsed, envelope } = await receive(event.data.friendEmail);
      expect(envelope.from).toBe('presse@saint-aubin.example.fr');
      expect(parsed.from?.value).toEqual([{ name: 'Mairie de Saint-Aubin', address: 'presse@saint-aubin.example.fr' }]);
      expect(MAIL_FROM).toBe('Mairie de Saint-Aubin <presse@saint-aubin.example.fr>');
      expect(parsed.replyTo).toBeUndefined();
      expect(parsed.subject).toBe(`Jeanne Lefèvre vous suggère : ${event.data.title}`);
      expect(parsed.text).toContain('Jeanne Lefèvre vous suggère cet article');
      expect(parsed.text).toContain(event.data.url);
      expect(parsed.text).toContain('Marc, c’est ta rue ! <b>Important</b>');
      expect(parsed.text).not.toContain('spam.example');
      expect(parsed.text).toMatch(/Pour ne plus jamais recevoir de suggestions d’articles envoyées depuis notre site : https:\/\/\S+\/newsletter\/no-suggestions\?token=/);

      const html = String(parsed.html);
      expect(html).toContain('&lt;b&gt;Important&lt;/b&gt;');
      const $ = cheerio.load(html);
      expect($('blockquote').text()).toBe('Marc, c’est ta rue ! <b>Important</b> — voir [lien retiré]');
      const stopUrl = /^<(.+)>$/.exec(rawHeader(parsed, 'List-Unsubscribe') ?? '')?.[1] ?? '';
      expect(stopUrl).toMatch(/\/newsletter\/no-suggestions\?token=/);
      expect(rawHeader(parsed, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
      expect($('a').map((_, a) => $(a).attr('href')).get()).toEqual([event.data.url, stopUrl, PUBLIC_URL]);

      await t.redeliver(event);
      await t.deliver(shareRequested({ ...event.data }));
      await queueDrained();
      expect(await mailRows(event.data.friendEmail)).toHaveLength(1);
      expect(sink.to(event.data.friendEmail)).toHaveLength(1);
    });
  });

  it('lets the friend refuse every later suggestion in one click, keeping only a keyed hash of the address', async () => {
    const first = shareRequested({ friendEmail: `refus-${randomUUID().slice(0, 8)}@example.org` });
    await t.deliver(first);
    const mail = await receive(first.data.friendEmail);
    const stopUrl = /^<(.+)>$/.exec(rawHeader(mail.parsed, 'List-Unsubscribe') ?? '')?.[1] ?? '';
    const page = cheerio.load((await t.http().get(pathOf(stopUrl)).expect(200)).text);
    expect(page('form button').text()).toBe('Ne plus recevoir de suggestions');
    await t.http().post('/newsletter/no-suggestions').type('form').send({ token: 'faux.jeton' }).expect(400);
    // What a mail client's one-click sends.
    await t.http().post(pathOf(stopUrl)).type('form').send('List-Unsubscribe=One-Click').expect(200);
    const rows: { reason: string; address_hash: string }[] = await t.db().query(`SELECT reason, address_hash FROM newsletter.suppression WHERE reason = 'no-suggestions'`);
    expect(rows).toHaveLength(1);
    expect(rows[0].address_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(await t.db().query(`SELECT * FROM newsletter.suppression`))).not.toContain(first.data.friendEmail);

    const second = shareRequested({ friendEmail: first.data.friendEmail });
    await t.deliver(second);
    await queueDrained();
    expect((await mailRows(first.data.friendEmail)).map((row) => row.status)).toEqual(['sent', 'cancelled']);
    expect(sink.to(first.data.friendEmail)).toHaveLength(1);
    // The same address may still subscribe to the articles: refusing suggestions is not refusing everything.
    await subscribeByForm({ email: first.data.friendEmail }).expect(303);
    await waitFor('its confirmation email', async () => sink.to(first.data.friendEmail).length === 2);
  });

  describe('when the SMTP server refuses', () => {
    beforeAll(() => queueDrained());

    it('retries a temporary refusal (450) with backoff: the email arrives once', async () => {
      const event = shareRequested();
      const refusedBefore = sink.refused;
      sink.refuseNext(1, 450);
      await t.deliver(event);
      await receive(event.data.friendEmail);
      const [row] = await waitFor('the row to be marked sent', async () => {
        const rows = await mailRows(event.data.friendEmail);
        return rows[0]?.status === 'sent' && rows;
      });
      expect(sink.refused).toBe(refusedBefore + 1);
      expect(row.attempts).toBe(2);
      expect(row.last_error).toContain('450');
      await queueDrained();
      expect(sink.to(event.data.friendEmail)).toHaveLength(1);
    });

    it('bounces at once on a permanent refusal of the recipient (550), and sends that address nothing more', async () => {
      const event = shareRequested();
      sink.refuseNext(1, 550);
      await t.deliver(event);
      const [row] = await waitFor('the row to be marked bounced', async () => {
        const rows = await mailRows(event.data.friendEmail);
        return rows[0]?.status === 'bounced' && rows;
      });
      expect(row.attempts).toBe(1);
      expect(row.last_error).toContain('550');
      expect(sink.to(event.data.friendEmail)).toEqual([]);
      const [{ n }] = await t.db().query(`SELECT count(*)::int AS n FROM newsletter.suppression WHERE reason = 'bounced'`);
      expect(n).toBe(1);

      const again = shareRequested({ friendEmail: event.data.friendEmail });
      await t.deliver(again);
      await queueDrained();
      expect((await mailRows(event.data.friendEmail)).map((r) => r.status)).toEqual(['bounced', 'cancelled']);
      expect(sink.to(event.data.friendEmail)).toEqual([]);
    });
  });
});
