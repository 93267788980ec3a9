import { SERVICES } from '@newsroom/contracts';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { routeOf, ROUTES, startProxy } from './proxy';

describe("the stack's reverse proxy", () => {
  it('has exactly the routes of deploy/nginx.conf', () => {
    const conf = readFileSync(path.resolve(__dirname, '../../../deploy/nginx.conf'), 'utf8');
    const locations = [...conf.matchAll(/location\s+(\S+)\s*\{\s*proxy_pass\s+http:\/\/(\w+);/g)].map(([, prefix, service]) => [prefix, service]);
    expect(locations.length).toBeGreaterThan(0);
    expect([...locations].sort()).toEqual([...ROUTES].map(([prefix, service]) => [prefix, service]).sort());
  });

  it('picks the longest matching prefix', () => {
    expect(routeOf('/api/ingestion/communiques')).toBe('ingestion');
    expect(routeOf('/admin/articles/1')).toBe('editorial');
    expect(routeOf('/admin')).toBe('editorial');
    expect(routeOf('/admin/newsletter')).toBe('newsletter');
    expect(routeOf('/admin/newsletter/mailings/5b1f0a2e-0000-4000-8000-000000000000/progress.json')).toBe('newsletter');
    expect(routeOf('/admin/newsletter/import')).toBe('newsletter');
    expect(routeOf('/newsletter/confirm?token=x')).toBe('newsletter');
    expect(routeOf('/articles/x')).toBe('publishing');
    expect(routeOf('/api/other')).toBe('publishing');
  });

  it('forwards method, path, body and headers to the right service, and says 502 when it is down', async () => {
    const servers: Server[] = [];
    const ports = {} as Record<(typeof SERVICES)[number], number>;
    for (const service of SERVICES) {
      const server = createServer((req, res) => {
        let body = '';
        req.on('data', (chunk) => (body += chunk));
        req.on('end', () => res.end(JSON.stringify({ service, method: req.method, url: req.url, body, forwardedFor: req.headers['x-forwarded-for'] })));
      });
      await new Promise<void>((resolve) => server.listen(0, resolve));
      ports[service] = (server.address() as AddressInfo).port;
      servers.push(server);
    }
    const proxy = await startProxy(0, ports);
    try {
      const answer = await fetch(`${proxy.url}/api/editorial/session`, { method: 'POST', body: 'a=1' });
      expect(await answer.json()).toEqual({ service: 'editorial', method: 'POST', url: '/api/editorial/session', body: 'a=1', forwardedFor: expect.stringMatching(/127\.0\.0\.1/) });
      expect(((await (await fetch(`${proxy.url}/articles/x?y=1`)).json()) as { url: string }).url).toBe('/articles/x?y=1');
      expect(await (await fetch(`${proxy.url}/admin/newsletter/subscribers?q=a`)).json()).toMatchObject({ service: 'newsletter', url: '/admin/newsletter/subscribers?q=a' });
      expect(await (await fetch(`${proxy.url}/admin/articles`)).json()).toMatchObject({ service: 'editorial' });
      await new Promise<void>((resolve) => servers[SERVICES.indexOf('newsletter')].close(() => resolve()));
      const down = await fetch(`${proxy.url}/newsletter/subscribe`);
      expect(down.status).toBe(502);
    } finally {
      await proxy.close();
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    }
  });
});
