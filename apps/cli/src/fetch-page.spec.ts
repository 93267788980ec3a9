import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetchPage, fileNameFor } from './fetch-page';

describe('fetchPage against a local server', () => {
  let server: Server;
  let base: string;
  const page = '<!doctype html><html><head><meta charset="utf-8"><title>Visas</title></head><body><h1>Nouveau service des visas</h1></body></html>';

  beforeAll(async () => {
    server = createServer((req, res) => {
      switch (req.url) {
        case '/presse/2024/visas.php?id=3':
          res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
          return res.end(page);
        case '/ancien':
          res.writeHead(301, { Location: '/presse/2024/visas.php?id=3' });
          return res.end();
        case '/notes/brut':
          res.writeHead(200, { 'Content-Type': 'text/plain' });
          return res.end('Journées portes ouvertes\n');
        case '/rapport':
          res.writeHead(200, { 'Content-Type': 'application/pdf' });
          return res.end('%PDF-1.7');
        case '/declare-gros':
          res.writeHead(200, { 'Content-Type': 'text/html', 'Content-Length': String(10_000) });
          return res.end('x'.repeat(10_000));
        case '/flux-gros':
          // chunked, no Content-Length: the limit must be enforced while reading
          res.writeHead(200, { 'Content-Type': 'text/html' });
          for (let i = 0; i < 10; i++) res.write('y'.repeat(1_000));
          return res.end();
        case '/muet':
          res.writeHead(200, { 'Content-Type': 'text/html' });
          res.write('<p>');
          return; // never ends
        default:
          res.writeHead(404, { 'Content-Type': 'text/html' });
          return res.end('<h1>Introuvable</h1>');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('fetches an HTML page, with a file name from its path and its served content type', async () => {
    const fetched = await fetchPage(`${base}/presse/2024/visas.php?id=3`);
    expect(fetched.fileName).toBe('visas.html');
    expect(fetched.mediaType).toBe('text/html; charset=utf-8');
    expect(Buffer.from(fetched.bytes).toString()).toBe(page);
  });

  it('follows a redirect (the name stays the one of the address in the list)', async () => {
    const fetched = await fetchPage(`${base}/ancien`);
    expect(fetched.fileName).toBe('ancien.html');
    expect(Buffer.from(fetched.bytes).toString()).toBe(page);
  });

  it('takes plain text as .txt', async () => {
    const fetched = await fetchPage(`${base}/notes/brut`);
    expect(fetched).toMatchObject({ fileName: 'brut.txt', mediaType: 'text/plain' });
  });

  it('refuses a non-2xx answer', async () => {
    await expect(fetchPage(`${base}/absente`)).rejects.toThrow('la page a répondu HTTP 404 Not Found');
  });

  it('refuses what is neither HTML nor text, such as a PDF', async () => {
    await expect(fetchPage(`${base}/rapport`)).rejects.toThrow('type de contenu non pris en charge : application/pdf (seules les pages HTML et le texte brut sont acceptés)');
  });

  it('refuses a body over the limit, declared or streamed', async () => {
    await expect(fetchPage(`${base}/declare-gros`, { maxBytes: 5_000 })).rejects.toThrow('page trop volumineuse (plus de 5000 octets)');
    await expect(fetchPage(`${base}/flux-gros`, { maxBytes: 5_000 })).rejects.toThrow('page trop volumineuse (plus de 5000 octets)');
    await expect(fetchPage(`${base}/flux-gros`, { maxBytes: 10_000 })).resolves.toMatchObject({ fileName: 'flux-gros.html' });
  });

  it('gives up on a page that does not finish in time', async () => {
    await expect(fetchPage(`${base}/muet`, { timeoutMs: 200 })).rejects.toThrow(/pas de réponse en 0\.2 s/);
  });

  it('refuses other schemes and says when the host cannot be reached', async () => {
    await expect(fetchPage('file:///etc/passwd')).rejects.toThrow('seules les adresses http et https sont acceptées');
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(fetchPage(`http://127.0.0.1:${port}/x`)).rejects.toThrow('page injoignable (ECONNREFUSED)');
  });
});

describe('fileNameFor', () => {
  it.each([
    ['https://presse.example/2024/visas.php?id=3', '.html', 'visas.html'],
    ['https://presse.example/', '.html', 'presse.example.html'],
    ['https://presse.example/communiqu%C3%A9s/f%C3%AAte%20nationale', '.txt', 'fête-nationale.txt'],
    ['https://presse.example/a/../..%2F..%2Fetc', '.html', 'etc.html'],
  ])('%s → %s', (url, extension, expected) => {
    expect(fileNameFor(new URL(url), extension)).toBe(expected);
  });
});
