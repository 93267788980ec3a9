import { clearedSessionCookie, sessionCookie } from './session-cookie';

describe('session cookie', () => {
  it('is HttpOnly, SameSite=Lax, for the whole site, for the session’s lifetime', () => {
    expect(sessionCookie('abc.def', 'http://localhost:3000')).toBe('newsroom_session=abc.def; Max-Age=43200; Path=/; HttpOnly; SameSite=Lax');
  });

  it('is Secure when the public URL is https', () => {
    expect(sessionCookie('abc.def', 'https://presse.example.org', 60)).toBe('newsroom_session=abc.def; Max-Age=60; Path=/; HttpOnly; SameSite=Lax; Secure');
    expect(clearedSessionCookie('https://presse.example.org')).toBe('newsroom_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax; Secure');
  });
});
