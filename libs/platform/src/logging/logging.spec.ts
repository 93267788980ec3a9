import { Controller, Get, Logger as NestLogger, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { currentCorrelationId, runWithCorrelation } from '@newsroom/messaging';
import { Logger } from 'nestjs-pino';
import request from 'supertest';
import { LoggingModule } from './logging.module';

type LogLine = Record<string, unknown> & { msg?: string };

@Controller('things')
class ThingsController {
  private readonly logger = new NestLogger('Things');

  @Get()
  list() {
    this.logger.log('listing things');
    this.logger.debug('below the level');
    return { correlationId: currentCorrelationId() };
  }

  @Get('broken')
  broken() {
    throw new Error('broken on purpose');
  }
}

describe('LoggingModule', () => {
  const lines: LogLine[] = [];
  let app: INestApplication;

  const linesAbout = async (predicate: (line: LogLine) => boolean) => {
    for (let attempt = 0; attempt < 50 && !lines.some(predicate); attempt++) await new Promise((resolve) => setTimeout(resolve, 10));
    return lines.filter(predicate);
  };

  beforeAll(async () => {
    const destination = { write: (line: string) => void lines.push(JSON.parse(line)) };
    const moduleRef = await Test.createTestingModule({
      imports: [LoggingModule.forRoot({ service: 'editorial', level: 'info', destination })],
      controllers: [ThingsController],
    }).compile();
    app = moduleRef.createNestApplication({ bufferLogs: true });
    app.useLogger(app.get(Logger));
    await app.init();
  });

  afterAll(() => app.close());

  beforeEach(() => {
    lines.length = 0;
  });

  it('binds the proxy’s request id as correlation id, in the response, the handler and every line', async () => {
    const response = await request(app.getHttpServer()).get('/things').set('x-request-id', 'proxy-42').expect(200);

    expect(response.headers['x-request-id']).toBe('proxy-42');
    expect(response.body).toEqual({ correlationId: 'proxy-42' });
    const [handlerLine] = await linesAbout((line) => line.msg === 'listing things');
    expect(handlerLine).toMatchObject({ level: 'info', service: 'editorial', context: 'Things', reqId: 'proxy-42', correlationId: 'proxy-42' });
    expect(new Date(String(handlerLine.time)).toISOString()).toBe(handlerLine.time);
    const [completed] = await linesAbout((line) => line.msg === 'request completed');
    expect(completed).toMatchObject({ level: 'info', correlationId: 'proxy-42', req: { id: 'proxy-42', method: 'GET', url: '/things' }, res: { statusCode: 200 } });
    expect(lines.some((line) => line.msg === 'below the level')).toBe(false);
  });

  it('makes up a request id when the proxy sent none, or a strange one', async () => {
    const fresh = await request(app.getHttpServer()).get('/things').expect(200);
    const strange = await request(app.getHttpServer()).get('/things').set('x-request-id', 'no spaces; please').expect(200);

    for (const response of [fresh, strange]) {
      expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(response.body.correlationId).toBe(response.headers['x-request-id']);
      expect(await linesAbout((line) => line.msg === 'listing things' && line.correlationId === response.body.correlationId)).toHaveLength(1);
    }
  });

  it('continues the caller’s W3C trace on every line of the request, or starts one', async () => {
    const caller = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    await request(app.getHttpServer()).get('/things').set('x-request-id', 'traced-1').set('traceparent', caller).expect(200);
    await request(app.getHttpServer()).get('/things').set('x-request-id', 'traced-2').set('traceparent', '00-zz-00f067aa0ba902b7-01').expect(200);

    const [continued] = await linesAbout((line) => line.msg === 'listing things' && line.correlationId === 'traced-1');
    expect(continued).toMatchObject({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', parentSpanId: '00f067aa0ba902b7', spanId: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(continued.spanId).not.toBe('00f067aa0ba902b7');
    const [started] = await linesAbout((line) => line.msg === 'listing things' && line.correlationId === 'traced-2');
    expect(started.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(started.traceId).not.toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(started).not.toHaveProperty('parentSpanId');
  });

  it('logs a failed request as an error and keeps credentials out', async () => {
    await request(app.getHttpServer()).get('/things/broken').set('authorization', 'Bearer secret').set('cookie', 'session=secret').expect(500);

    const [completed] = await linesAbout((line) => typeof line.msg === 'string' && line.msg.startsWith('request'));
    expect(completed).toMatchObject({ level: 'error', res: { statusCode: 500 } });
    expect(JSON.stringify(lines)).not.toContain('secret');
  });

  it('puts the correlation and causation of a consumed event on lines written outside any request', async () => {
    runWithCorrelation({ correlationId: 'request-7', causationId: 'event-3' }, () => new NestLogger('Consumer').log('handled'));
    new NestLogger('Relay').log('idle');

    expect(await linesAbout((line) => line.msg === 'handled')).toEqual([
      expect.objectContaining({ context: 'Consumer', correlationId: 'request-7', causationId: 'event-3', service: 'editorial' }),
    ]);
    const [idle] = await linesAbout((line) => line.msg === 'idle');
    expect(idle).not.toHaveProperty('correlationId');
  });
});
