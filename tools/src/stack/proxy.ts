// The reverse proxy of `npm run stack`: one origin in front of the four services, with the routes of
// deploy/nginx.conf (proxy.spec.ts holds the two together), so links in pages and emails work as in Docker.
import type { ServiceName } from '@newsroom/contracts';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Longest prefix first, as nginx picks its `location`. `/` catches the rest: the public site. */
export const ROUTES: ReadonlyArray<readonly [prefix: string, service: ServiceName]> = [
  ['/api/ingestion/', 'ingestion'],
  ['/api/editorial/', 'editorial'],
  ['/api/newsletter/', 'newsletter'],
  ['/newsletter/', 'newsletter'],
  // The newsletter's admin pages (sends and their progress, subscribers, CSV imports), inside the editorial admin's path.
  ['/admin/newsletter', 'newsletter'],
  ['/admin', 'editorial'],
  ['/', 'publishing'],
];

export function routeOf(path: string): ServiceName {
  const match = [...ROUTES].sort((a, b) => b[0].length - a[0].length).find(([prefix]) => path.startsWith(prefix));
  return match ? match[1] : 'publishing';
}

export interface RunningProxy {
  url: string;
  close(): Promise<void>;
}

/** Listens on `port` (0: any free one) and forwards each request to the service of its route on localhost. */
export async function startProxy(port: number, servicePorts: Readonly<Record<ServiceName, number>>): Promise<RunningProxy> {
  const server: Server = createServer((incoming, outgoing) => {
    const path = incoming.url ?? '/';
    const target = servicePorts[routeOf(path)];
    const forwarded = incoming.headers['x-forwarded-for'];
    const upstream = httpRequest(
      {
        host: '127.0.0.1',
        port: target,
        method: incoming.method,
        path,
        headers: {
          ...incoming.headers,
          'x-forwarded-for': [forwarded, incoming.socket.remoteAddress].filter(Boolean).join(', '),
          'x-forwarded-proto': 'http',
        },
      },
      (answer: IncomingMessage) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', (error) => {
      if (outgoing.headersSent) return void outgoing.destroy(error);
      outgoing.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
      outgoing.end(`502: ${routeOf(path)} (port ${target}) did not answer: ${error.message}\n`);
    });
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve());
  });
  return {
    url: `http://localhost:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
