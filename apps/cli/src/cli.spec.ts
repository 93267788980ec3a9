import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli, sourceFor, type CliIo } from './cli';

interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

const PASSWORD = 'correct horse battery staple';
const TOKEN = 'session-token-from-editorial';
const ID = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

/**
 * A stand-in for the Newsroom server: the editorial login and the ingestion upload, answering as the
 * real services do, and recording every request so the test can check exactly what the CLI sent.
 */
async function fakeServer(): Promise<{ url: string; requests: Recorded[]; server: Server; loginStatus: { status: number }; holdFirstUpload: { on: boolean } }> {
  const requests: Recorded[] = [];
  const loginStatus = { status: 200 };
  // When on, the first upload is answered only after the second one: the second finishes first.
  const holdFirstUpload = { on: false };
  let uploads = 0;
  let releaseFirst: () => void = () => undefined;
  const firstReleased = new Promise<void>((resolve) => (releaseFirst = resolve));
  let next = 0;
  const seen = new Map<string, string>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) };
      requests.push(recorded);
      const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      if (req.method === 'POST' && req.url === '/api/editorial/session') {
        if (loginStatus.status === 429) return json(429, { statusCode: 429, message: 'Trop de tentatives.' }, { 'Retry-After': '60' });
        const { email, password } = JSON.parse(recorded.body.toString()) as { email: string; password: string };
        if (password !== PASSWORD) return json(401, { statusCode: 401, message: 'E-mail ou mot de passe incorrect.' });
        return json(200, { token: TOKEN, user: { email } });
      }
      if (req.method === 'GET' && req.url?.startsWith('/pages/')) {
        if (req.url === '/pages/rapport') {
          res.writeHead(200, { 'Content-Type': 'application/pdf' });
          return res.end('%PDF-1.7');
        }
        res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
        return res.end(`Page ${req.url.slice('/pages/'.length)}\n\nTexte.`);
      }
      if (req.method === 'POST' && req.url === '/api/ingestion/communiques') {
        const upload = ++uploads;
        if (holdFirstUpload.on && upload === 1) await firstReleased;
        if (holdFirstUpload.on && upload === 2) setImmediate(releaseFirst);
        if (req.headers.authorization !== `Bearer ${TOKEN}`) return json(401, { statusCode: 401, message: 'Sign in first.' });
        const form = await new Request('http://fake/', { method: 'POST', headers: { 'content-type': req.headers['content-type'] ?? '' }, body: recorded.body }).formData();
        const file = form.get('file');
        if (!(file instanceof Blob)) return json(400, { statusCode: 400, message: 'Joignez le communiqué dans le champ « file » du formulaire.' });
        if (file.type.split(';')[0] !== 'text/plain') return json(415, { statusCode: 415, message: `Seuls les textes bruts sont acceptés pour l’instant (reçu ${file.type}).` });
        const text = await file.text();
        const known = seen.get(text);
        if (known) return json(200, { communiqueId: known, duplicate: true, title: text.split('\n')[0] });
        const id = ID(++next);
        seen.set(text, id);
        return json(201, { communiqueId: id, duplicate: false, title: text.split('\n')[0] });
      }
      json(404, { statusCode: 404, message: 'Not Found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, server, loginStatus, holdFirstUpload };
}

describe('newsroom ingest against a server', () => {
  let dir: string;
  let fake: Awaited<ReturnType<typeof fakeServer>>;
  const file = (name: string) => path.join(dir, name);

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'newsroom-cli-'));
    await writeFile(file('portes-ouvertes.txt'), 'Journées portes ouvertes\n\nL’ambassade ouvre ses portes.');
    await writeFile(file('visas.txt'), 'Nouveau service des visas\n\nLes rendez-vous se prennent en ligne.');
    await writeFile(file('rapport.docx'), 'PK\u0003\u0004');
  });
  beforeEach(async () => {
    fake = await fakeServer();
  });
  afterEach(async () => {
    if (fake.server.listening) await new Promise((resolve) => fake.server.close(resolve));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  function run(argv: string[], env: Record<string, string>, extra: Partial<CliIo> = {}) {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = {
      env,
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      readFile: (p) => readFile(p),
      interactive: false,
      promptPassword: () => Promise.reject(new Error('no terminal in tests')),
      ...extra,
    };
    return runCli(argv, io).then((code) => ({ code, out, err }));
  }

  it('logs in, uploads each file as multipart `file` with source=cli, reports each one, and exits 1 when one failed', async () => {
    const env = { NEWSROOM_URL: fake.url, NEWSROOM_EMAIL: 'redaction@valdoria.example', NEWSROOM_PASSWORD: PASSWORD };
    const argv = ['ingest', file('portes-ouvertes.txt'), file('rapport.docx'), file('visas.txt'), file('portes-ouvertes.txt')];
    const { code, out, err } = await run(argv, env);

    expect(out).toEqual([
      `✓ ${file('portes-ouvertes.txt')} → ${ID(1)} « Journées portes ouvertes » (nouveau)`,
      `✗ ${file('rapport.docx')}: Seuls les textes bruts sont acceptés pour l’instant (reçu application/vnd.openxmlformats-officedocument.wordprocessingml.document).`,
      `✓ ${file('visas.txt')} → ${ID(2)} « Nouveau service des visas » (nouveau)`,
      `✓ ${file('portes-ouvertes.txt')} → ${ID(1)} « Journées portes ouvertes » (déjà reçu)`,
      '4 fichiers : 2 nouveaux, 1 déjà reçu, 1 en échec',
    ]);
    expect(err).toEqual([]);
    expect(code).toBe(1);

    const [login, ...uploads] = fake.requests;
    expect(login).toMatchObject({ method: 'POST', url: '/api/editorial/session' });
    expect(login.headers['content-type']).toBe('application/json');
    expect(JSON.parse(login.body.toString())).toEqual({ email: 'redaction@valdoria.example', password: PASSWORD });

    expect(uploads).toHaveLength(4);
    const first = uploads[0];
    expect(first).toMatchObject({ method: 'POST', url: '/api/ingestion/communiques' });
    expect(first.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(first.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const form = await new Request('http://fake/', { method: 'POST', headers: { 'content-type': first.headers['content-type'] ?? '' }, body: first.body }).formData();
    expect(form.get('source')).toBe('cli');
    const sent = form.get('file') as File;
    expect(sent.name).toBe('portes-ouvertes.txt');
    expect(sent.type).toBe('text/plain');
    expect(Buffer.from(await sent.arrayBuffer())).toEqual(await readFile(file('portes-ouvertes.txt')));
  });

  it('exits 0 when every file is received, with --url and NEWSROOM_TOKEN (no login)', async () => {
    const { code, out } = await run(['ingest', '--url', `${fake.url}/`, file('visas.txt')], { NEWSROOM_TOKEN: TOKEN, NEWSROOM_URL: 'http://127.0.0.1:1' });
    expect(code).toBe(0);
    expect(out).toEqual([`✓ ${file('visas.txt')} → ${ID(1)} « Nouveau service des visas » (nouveau)`, '1 fichier : 1 nouveau, 0 déjà reçu, 0 en échec']);
    expect(fake.requests.map((r) => r.url)).toEqual(['/api/ingestion/communiques']);
  });

  it('reports a file it cannot read and goes on with the others', async () => {
    const { code, out } = await run(['ingest', file('absent.txt'), file('visas.txt')], { NEWSROOM_URL: fake.url, NEWSROOM_TOKEN: TOKEN });
    expect(out[0]).toBe(`✗ ${file('absent.txt')}: fichier illisible (ENOENT)`);
    expect(out[1]).toMatch(/^✓ .*visas\.txt → /);
    expect(code).toBe(1);
  });

  it('shows the server’s message for an expired token on each file', async () => {
    const { code, out } = await run(['ingest', file('visas.txt')], { NEWSROOM_URL: fake.url, NEWSROOM_TOKEN: 'expired' });
    expect(out[0]).toBe(`✗ ${file('visas.txt')}: Sign in first.`);
    expect(code).toBe(1);
  });

  it('stops at a refused login (401) or a rate limit (429), with exit code 1 and nothing uploaded', async () => {
    const wrong = await run(['ingest', file('visas.txt')], { NEWSROOM_URL: fake.url, NEWSROOM_EMAIL: 'a@b.example', NEWSROOM_PASSWORD: 'wrong' });
    expect(wrong.code).toBe(1);
    expect(wrong.err).toEqual([`✗ connexion à ${fake.url} refusée : E-mail ou mot de passe incorrect.`]);
    fake.loginStatus.status = 429;
    const limited = await run(['ingest', file('visas.txt')], { NEWSROOM_URL: fake.url, NEWSROOM_EMAIL: 'a@b.example', NEWSROOM_PASSWORD: PASSWORD });
    expect(limited.err).toEqual([`✗ connexion à ${fake.url} refusée : Trop de tentatives. (réessayez dans 60 s)`]);
    expect(limited.code).toBe(1);
    expect(fake.requests.map((r) => r.url)).toEqual(['/api/editorial/session', '/api/editorial/session']);
  });

  it('asks for the password in a terminal when none is set, and uses --email', async () => {
    const prompts: string[] = [];
    const { code } = await run(['ingest', '--url', fake.url, '--email', 'chef@valdoria.example', file('visas.txt')], { NEWSROOM_TOKEN: 'ignored-with-email' }, {
      interactive: true,
      promptPassword: async (question) => {
        prompts.push(question);
        return PASSWORD;
      },
    });
    expect(prompts).toEqual(['Mot de passe pour chef@valdoria.example : ']);
    expect(JSON.parse(fake.requests[0].body.toString())).toEqual({ email: 'chef@valdoria.example', password: PASSWORD });
    expect(code).toBe(0);
  });

  it('expands a URL list: fetches each page and uploads it with the address as source, in order', async () => {
    const list = file('juin.urls');
    await writeFile(list, `# juin\n${fake.url}/pages/visas\n\n${fake.url}/pages/rapport\n${fake.url}/absente\n`);
    const { code, out, err } = await run(['ingest', '--url', fake.url, list, file('visas.txt')], { NEWSROOM_TOKEN: TOKEN });
    expect(out).toEqual([
      `✓ ${fake.url}/pages/visas → ${ID(1)} « Page visas » (nouveau)`,
      `✗ ${fake.url}/pages/rapport: type de contenu non pris en charge : application/pdf (seules les pages HTML et le texte brut sont acceptés)`,
      `✗ ${fake.url}/absente: la page a répondu HTTP 404 Not Found`,
      `✓ ${file('visas.txt')} → ${ID(2)} « Nouveau service des visas » (nouveau)`,
      '4 fichiers : 2 nouveaux, 0 déjà reçu, 2 en échec',
    ]);
    expect(err).toEqual([]);
    expect(code).toBe(1);
    const uploads = fake.requests.filter((r) => r.url === '/api/ingestion/communiques');
    expect(uploads).toHaveLength(2);
    const form = await new Request('http://fake/', { method: 'POST', headers: { 'content-type': uploads[0].headers['content-type'] ?? '' }, body: uploads[0].body }).formData();
    expect(form.get('source')).toBe(`${fake.url}/pages/visas`);
    const sent = form.get('file') as File;
    expect(sent.name).toBe('visas.txt');
    expect(sent.type).toBe('text/plain; charset=utf-8');
  });

  it('uploads a .txt communiqué that merely quotes an address, and refuses a .urls file that is not a list', async () => {
    await writeFile(file('lien.txt'), `Inscriptions ouvertes\n${fake.url}/pages/inscription\n`);
    await writeFile(file('faux.urls'), `${fake.url}/pages/a\nvoir aussi la page b\n`);
    const { out } = await run(['ingest', '--url', fake.url, file('lien.txt'), file('faux.urls')], { NEWSROOM_TOKEN: TOKEN });
    expect(out[0]).toBe(`✓ ${file('lien.txt')} → ${ID(1)} « Inscriptions ouvertes » (nouveau)`);
    expect(out[1]).toBe(`✗ ${file('faux.urls')}: liste d’adresses invalide : chaque ligne non vide (hors commentaires #) doit être une adresse http(s), et il en faut au moins une`);
    expect(fake.requests.filter((r) => r.method === 'GET')).toEqual([]);
  });

  it('keeps the lines in input order when uploads finish out of order (--concurrency 2)', async () => {
    fake.holdFirstUpload.on = true;
    const { code, out } = await run(['ingest', '--url', fake.url, '--concurrency', '2', file('portes-ouvertes.txt'), file('visas.txt')], { NEWSROOM_TOKEN: TOKEN });
    // the second upload was answered first, so it got the first id
    expect(out).toEqual([
      `✓ ${file('portes-ouvertes.txt')} → ${ID(2)} « Journées portes ouvertes » (nouveau)`,
      `✓ ${file('visas.txt')} → ${ID(1)} « Nouveau service des visas » (nouveau)`,
      '2 fichiers : 2 nouveaux, 0 déjà reçu, 0 en échec',
    ]);
    expect(code).toBe(0);
  });

  it('draws the progress bar on a terminal only, and clears it; stdout is the same either way', async () => {
    const argv = ['ingest', '--url', fake.url, '--concurrency=1', file('portes-ouvertes.txt'), file('visas.txt')];
    const bar: string[] = [];
    let now = 0;
    const tty = await run(argv, { NEWSROOM_TOKEN: TOKEN }, { progress: { isTTY: true, write: (text) => bar.push(text) }, now: () => (now += 1_000) });
    expect(bar).toEqual([
      '\r\u001b[2K[----------] 0/2  0 %  ✓ 0  ≡ 0  ✗ 0  ETA --',
      '\r\u001b[2K',
      '\r\u001b[2K[#####-----] 1/2  50 %  ✓ 1  ≡ 0  ✗ 0  ETA 2 s',
      '\r\u001b[2K',
      '\r\u001b[2K[##########] 2/2  100 %  ✓ 2  ≡ 0  ✗ 0  ETA 0 s',
      '\r\u001b[2K',
    ]);
    const piped: string[] = [];
    const notTty = await run(argv, { NEWSROOM_TOKEN: TOKEN }, { progress: { isTTY: false, write: (text) => piped.push(text) } });
    expect(piped).toEqual([]);
    expect(tty.out).toEqual([
      `✓ ${file('portes-ouvertes.txt')} → ${ID(1)} « Journées portes ouvertes » (nouveau)`,
      `✓ ${file('visas.txt')} → ${ID(2)} « Nouveau service des visas » (nouveau)`,
      '2 fichiers : 2 nouveaux, 0 déjà reçu, 0 en échec',
    ]);
    expect(notTty.out).toEqual([
      `✓ ${file('portes-ouvertes.txt')} → ${ID(1)} « Journées portes ouvertes » (déjà reçu)`,
      `✓ ${file('visas.txt')} → ${ID(2)} « Nouveau service des visas » (déjà reçu)`,
      '2 fichiers : 0 nouveau, 2 déjà reçus, 0 en échec',
    ]);
    expect(tty.err).toEqual([]);
  });

  it('says when the server cannot be reached', async () => {
    const closed = `${fake.url}`;
    await new Promise((resolve) => fake.server.close(resolve));
    const { code, out } = await run(['ingest', '--url', closed, file('visas.txt')], { NEWSROOM_TOKEN: TOKEN });
    expect(out[0]).toBe(`✗ ${file('visas.txt')}: serveur injoignable : ${closed}/api/ingestion/communiques (ECONNREFUSED)`);
    expect(code).toBe(1);
  });
});

describe('newsroom usage', () => {
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    const value: CliIo = {
      env: {},
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      readFile: () => Promise.reject(new Error('not expected')),
      interactive: false,
      promptPassword: () => Promise.reject(new Error('not expected')),
      fetch: () => Promise.reject(new Error('no request expected')),
    };
    return { out, err, value };
  };

  it('prints help on stdout with exit code 0', async () => {
    const main = io();
    expect(await runCli(['--help'], main.value)).toBe(0);
    expect(main.out.join('\n')).toContain('newsroom ingest [options] <fichier|liste d’adresses>...');
    const ingest = io();
    expect(await runCli(['ingest', '--help'], ingest.value)).toBe(0);
    expect(ingest.out.join('\n')).toContain('Usage : newsroom ingest [--url URL] [--email EMAIL] [--concurrency N] <fichier|liste d’adresses>...');
    expect(main.err).toEqual([]);
  });

  it.each([
    [['frobnicate'], 'newsroom: commande inconnue : frobnicate', 'newsroom ingest [options]'],
    [[], 'newsroom: commande manquante', 'newsroom ingest [options]'],
    [['ingest'], 'newsroom: aucun fichier à envoyer', 'Usage : newsroom ingest'],
    [['ingest', 'a.txt'], 'newsroom: identifiants manquants : définissez NEWSROOM_TOKEN, ou NEWSROOM_EMAIL (ou --email) et NEWSROOM_PASSWORD', 'Usage : newsroom ingest'],
    [['ingest', '--email', 'a@b.example', 'a.txt'], 'newsroom: mot de passe manquant : définissez NEWSROOM_PASSWORD (aucun terminal pour le demander)', 'Usage : newsroom ingest'],
    [['ingest', '--concurrency', '9', 'a.txt'], 'newsroom: --concurrency attend un nombre entier de 1 à 8 : 9', 'Usage : newsroom ingest'],
    [['ingest', '--url', 'file:///etc', 'a.txt'], 'newsroom: adresse de serveur invalide (http ou https) : file:///etc', 'Usage : newsroom ingest'],
  ])('%j: usage on stderr, exit code 2', async (argv, first, usage) => {
    const { out, err, value } = io();
    expect(await runCli(argv, value)).toBe(2);
    expect(err[0]).toBe(first);
    expect(err.slice(1).join('\n')).toContain(usage);
    expect(out).toEqual([]);
  });
});

describe('sourceFor', () => {
  it('sends the address as the source, cut to the 200 characters the server accepts', () => {
    expect(sourceFor('https://presse.example/visas')).toBe('https://presse.example/visas');
    const long = `https://presse.example/${'a'.repeat(300)}`;
    expect(sourceFor(long)).toHaveLength(200);
    expect(sourceFor(long)).toBe(`${long.slice(0, 199)}…`);
  });
});
