import { Controller, Get, Injectable, Module, Post, type INestApplication } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { register } from 'prom-client';
import request from 'supertest';
import { testConfig } from '../testing';
import { createHttpApp } from './create-http-app';
import { HTTP_FAST_LANES, type FastLane } from './fast-lane';

type LogLine = Record<string, unknown> & { msg?: string };

/** Answers /lane/* itself (418 for /lane/teapot), hands everything else on. */
@Injectable()
class TestLane implements FastLane {
  readonly route = '/lane/:name';

  handle(req: IncomingMessage, res: ServerResponse, next: () => void): void {
    if (!req.url?.startsWith('/lane/')) return next();
    if (req.url === '/lane/later') return void setTimeout(next, 5);
    res.writeHead(req.url === '/lane/teapot' ? 418 : 200, { 'Content-Type': 'text/plain' }).end('from the lane');
  }
}

@Controller()
class AppController {
  @Get('lane/later')
  later() {
    return 'from express, later';
  }

  @Get('express')
  express() {
    return 'from express';
  }

  @Post('lane/post')
  post() {
    return 'posted to express';
  }
}

@Module({ controllers: [AppController], providers: [TestLane, { provide: HTTP_FAST_LANES, useExisting: TestLane }] })
class LaneAppModule {}

describe('createHttpApp with a fast lane', () => {
  let app: INestApplication;
  const lines: LogLine[] = [];
  const completed = async (url: string) => {
    for (let attempt = 0; attempt < 50 && !lines.some((line) => line.msg === 'request completed' && (line.req as { url?: string })?.url === url); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return lines.filter((line) => line.msg === 'request completed' && (line.req as { url?: string })?.url === url);
  };

  beforeAll(async () => {
    app = await createHttpApp(LaneAppModule, { service: 'lanes', config: testConfig(), logDestination: { write: (line: string) => void lines.push(JSON.parse(line)) } });
  });

  afterAll(() => app?.close());

  it('answers GET and HEAD from the lane, with the request id, and logs them at info like pino-http', async () => {
    const response = await request(app.getHttpServer()).get('/lane/page').set('x-request-id', 'proxy-7').expect(200, 'from the lane');
    expect(response.headers['x-request-id']).toBe('proxy-7');
    await request(app.getHttpServer()).head('/lane/page').expect(200);

    const [line] = await completed('/lane/page');
    expect(line).toMatchObject({ level: 'info', service: 'lanes', correlationId: 'proxy-7', req: { id: 'proxy-7', method: 'GET', url: '/lane/page' }, res: { statusCode: 200 } });
    expect(typeof line.responseTime).toBe('number');
    expect((await completed('/lane/page')).map((l) => (l.req as { method: string }).method)).toEqual(['GET', 'HEAD']);
    await request(app.getHttpServer()).get('/lane/teapot').expect(418);
    const [teapot] = await completed('/lane/teapot');
    expect(teapot).toMatchObject({ level: 'warn', res: { statusCode: 418 } });
  });

  it('counts what the lane answers under its route template, and logs its place in the caller’s trace', async () => {
    const count = async (labels: string) => Number(new RegExp(`^newsroom_http_request_duration_seconds_count\\{${labels}\\} (\\d+)$`, 'm').exec(await register.metrics())?.[1] ?? 0);
    const served = 'app="lanes",method="GET",route="/lane/:name",status="200"';
    const before = await count(served);
    await request(app.getHttpServer()).get('/lane/traced').set('traceparent', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01').expect(200);

    expect(await count(served)).toBe(before + 1);
    const [line] = await completed('/lane/traced');
    expect(line).toMatchObject({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', parentSpanId: '00f067aa0ba902b7', spanId: expect.stringMatching(/^[0-9a-f]{16}$/) });
  });

  it('hands on what the lane passes, at once or later, and other methods, to Express, logged once by pino-http', async () => {
    await request(app.getHttpServer()).get('/express').expect(200, 'from express');
    const later = await request(app.getHttpServer()).get('/lane/later').expect(200, 'from express, later');
    await request(app.getHttpServer()).post('/lane/post').expect(201, 'posted to express');

    // One request id from the lane's front door to pino-http's line.
    const [line] = await completed('/lane/later');
    expect(line).toMatchObject({ req: { id: later.headers['x-request-id'] } });
    expect(line).not.toHaveProperty('lane');
    expect(await completed('/lane/later')).toHaveLength(1);
    expect(await completed('/express')).toHaveLength(1);
    expect(await completed('/lane/post')).toHaveLength(1);
  });
});
