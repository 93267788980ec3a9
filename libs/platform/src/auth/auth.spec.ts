import { Controller, Get, Post, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { ConfigModule } from '../config/config.module';
import { testConfig } from '../testing';
import { Authenticated, CurrentActor } from './auth.guard';
import { cookieValue, csrfTokenFor, issueSessionToken, readSessionToken, roleAtLeast, SESSION_COOKIE, type Actor } from './session';
import { keyedHash, signToken, verifyToken } from './signed-token';

const SECRET = 'x'.repeat(40);
const actor = (role: Actor['role']): Actor => ({ id: 'u-1', email: 'ed@example.org', name: 'Édith', role, sid: `sid-${role}` });

describe('signed tokens', () => {
  it('round-trips a payload for its purpose only, and not with another key', () => {
    const token = signToken(SECRET, 'confirm', { sid: 'a' }, 60);
    expect(verifyToken(SECRET, 'confirm', token)).toEqual({ sid: 'a', exp: expect.any(Number) });
    expect(verifyToken(SECRET, 'unsubscribe', token)).toBeNull();
    expect(verifyToken('y'.repeat(40), 'confirm', token)).toBeNull();
  });

  it('refuses an expired, tampered or malformed token', () => {
    const now = Date.now();
    const token = signToken(SECRET, 'p', { n: 1 }, 60, now);
    expect(verifyToken(SECRET, 'p', token, now + 59_000)).not.toBeNull();
    expect(verifyToken(SECRET, 'p', token, now + 61_000)).toBeNull();
    const [body, mac] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ n: 2, exp: Math.floor(now / 1000) + 60 })).toString('base64url');
    expect(verifyToken(SECRET, 'p', `${forged}.${mac}`, now)).toBeNull();
    for (const bad of [undefined, 42, '', body, `${body}.`, `${body}.${mac}x`, 'a'.repeat(5000)]) expect(verifyToken(SECRET, 'p', bad, now)).toBeNull();
  });

  it('keyed hashes depend on key and purpose', () => {
    expect(keyedHash(SECRET, 'friend', 'a@b.c')).toMatch(/^[0-9a-f]{64}$/);
    expect(keyedHash(SECRET, 'friend', 'a@b.c')).not.toBe(keyedHash(SECRET, 'ip', 'a@b.c'));
    expect(keyedHash(SECRET, 'friend', 'a@b.c')).not.toBe(keyedHash('z'.repeat(40), 'friend', 'a@b.c'));
  });
});

describe('sessions', () => {
  it('reads back the actor, and ranks roles', () => {
    expect(readSessionToken(SECRET, issueSessionToken(SECRET, actor('editor')))).toEqual(actor('editor'));
    expect(readSessionToken(SECRET, signToken(SECRET, 'session', { ...actor('editor'), role: 'owner' }, 60))).toBeNull();
    expect(readSessionToken(SECRET, signToken(SECRET, 'other', actor('editor'), 60))).toBeNull();
    expect([roleAtLeast('admin', 'editor'), roleAtLeast('editor', 'editor'), roleAtLeast('contributor', 'editor')]).toEqual([true, true, false]);
  });

  it('finds one cookie in a header', () => {
    expect(cookieValue('a=1; newsroom_session=abc.def; b=2', SESSION_COOKIE)).toBe('abc.def');
    expect(cookieValue('xnewsroom_session=1', SESSION_COOKIE)).toBeUndefined();
    expect(cookieValue(undefined, SESSION_COOKIE)).toBeUndefined();
  });
});

@Controller('probe')
class ProbeController {
  @Get()
  @Authenticated()
  read(@CurrentActor() who: Actor) {
    return { id: who.id, role: who.role };
  }

  @Post()
  @Authenticated('editor')
  write() {
    return { ok: true };
  }
}

describe('the Authenticated guard', () => {
  let app: INestApplication;
  const config = testConfig({ APP_SECRET: SECRET });
  const bearer = (role: Actor['role']) => `Bearer ${issueSessionToken(SECRET, actor(role))}`;
  const cookie = (role: Actor['role']) => `${SESSION_COOKIE}=${issueSessionToken(SECRET, actor(role))}`;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [ConfigModule.forRoot(config)], controllers: [ProbeController] }).compile();
    app = moduleRef.createNestApplication();
    await app.init();
  });
  afterAll(() => app.close());

  it('401 without a valid session, by header or cookie', async () => {
    await request(app.getHttpServer()).get('/probe').expect(401);
    await request(app.getHttpServer()).get('/probe').set('authorization', 'Bearer nonsense').expect(401);
    const foreign = issueSessionToken('k'.repeat(40), actor('admin'));
    await request(app.getHttpServer()).get('/probe').set('cookie', `${SESSION_COOKIE}=${foreign}`).expect(401);
  });

  it('lets a session through with its actor, by header or cookie', async () => {
    await request(app.getHttpServer()).get('/probe').set('authorization', bearer('contributor')).expect(200, { id: 'u-1', role: 'contributor' });
    await request(app.getHttpServer()).get('/probe').set('cookie', cookie('admin')).expect(200, { id: 'u-1', role: 'admin' });
  });

  it('403 below the required role', async () => {
    await request(app.getHttpServer()).post('/probe').set('authorization', bearer('contributor')).expect(403);
    await request(app.getHttpServer()).post('/probe').set('authorization', bearer('editor')).expect(201);
  });

  it('a cookie-authenticated write needs the CSRF token of that session; a bearer write does not', async () => {
    await request(app.getHttpServer()).post('/probe').set('cookie', cookie('editor')).expect(403);
    await request(app.getHttpServer()).post('/probe').set('cookie', cookie('editor')).set('x-csrf-token', csrfTokenFor(SECRET, 'sid-admin')).expect(403);
    await request(app.getHttpServer()).post('/probe').set('cookie', cookie('editor')).set('x-csrf-token', csrfTokenFor(SECRET, 'sid-editor')).expect(201);
    await request(app.getHttpServer())
      .post('/probe')
      .set('cookie', cookie('editor'))
      .type('form')
      .send({ _csrf: csrfTokenFor(SECRET, 'sid-editor') })
      .expect(201);
  });
});
