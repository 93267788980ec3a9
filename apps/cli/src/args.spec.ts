import { parseArgs, resolveSettings } from './args';

describe('parseArgs', () => {
  it.each([
    [['--help'], { kind: 'help', topic: 'main' }],
    [['-h'], { kind: 'help', topic: 'main' }],
    [['help'], { kind: 'help', topic: 'main' }],
    [['help', 'ingest'], { kind: 'help', topic: 'ingest' }],
    [['ingest', '--help'], { kind: 'help', topic: 'ingest' }],
    [['ingest', 'a.txt', '-h'], { kind: 'help', topic: 'ingest' }],
    [['ingest', 'a.txt', 'b.txt'], { kind: 'ingest', files: ['a.txt', 'b.txt'] }],
    [['ingest', '--url', 'http://x:3000', '--email=ana@example.org', 'a.txt'], { kind: 'ingest', url: 'http://x:3000', email: 'ana@example.org', files: ['a.txt'] }],
    [['ingest', 'a.txt', '--url=https://presse.example', 'b.txt'], { kind: 'ingest', url: 'https://presse.example', files: ['a.txt', 'b.txt'] }],
    [['ingest', '--concurrency', '4', 'a.urls'], { kind: 'ingest', concurrency: 4, files: ['a.urls'] }],
    [['ingest', '--concurrency=1', 'a.txt'], { kind: 'ingest', concurrency: 1, files: ['a.txt'] }],
    [['ingest', '--', '--odd-name.txt', '-h'], { kind: 'ingest', files: ['--odd-name.txt', '-h'] }],
  ])('%j', (argv, expected) => {
    expect(parseArgs(argv)).toEqual(expected);
  });

  it.each([
    [[], 'commande manquante', 'main'],
    [['publish', 'a.txt'], 'commande inconnue : publish', 'main'],
    [['--verbose'], 'option inconnue : --verbose', 'main'],
    [['ingest'], 'aucun fichier à envoyer', 'ingest'],
    [['ingest', '--force', 'a.txt'], 'option inconnue : --force', 'ingest'],
    [['ingest', 'a.txt', '--url'], '--url attend une valeur', 'ingest'],
    [['ingest', '--email', '--url', 'x', 'a.txt'], '--email attend une valeur', 'ingest'],
    [['ingest', '--url=', 'a.txt'], '--url attend une valeur', 'ingest'],
    [['ingest', '--concurrency=0', 'a.txt'], '--concurrency attend un nombre entier de 1 à 8 : 0', 'ingest'],
    [['ingest', '--concurrency', '2.5', 'a.txt'], '--concurrency attend un nombre entier de 1 à 8 : 2.5', 'ingest'],
  ])('%j is a usage error', (argv, message, topic) => {
    expect(parseArgs(argv)).toEqual({ kind: 'usage-error', message, topic });
  });
});

describe('resolveSettings', () => {
  it('takes --url, else NEWSROOM_URL, else localhost:3000, without a trailing slash', () => {
    const env = { NEWSROOM_TOKEN: 't' };
    expect(resolveSettings({}, env)).toMatchObject({ baseUrl: 'http://localhost:3000' });
    expect(resolveSettings({}, { ...env, NEWSROOM_URL: 'https://presse.example/' })).toMatchObject({ baseUrl: 'https://presse.example' });
    expect(resolveSettings({ url: 'http://127.0.0.1:8080/newsroom/' }, { ...env, NEWSROOM_URL: 'https://ignored.example' })).toMatchObject({ baseUrl: 'http://127.0.0.1:8080/newsroom' });
  });

  it('refuses an address that is not http(s)', () => {
    expect(resolveSettings({ url: 'presse.example' }, { NEWSROOM_TOKEN: 't' })).toBe('adresse de serveur invalide : presse.example');
    expect(resolveSettings({ url: 'ftp://presse.example' }, { NEWSROOM_TOKEN: 't' })).toMatch(/http ou https/);
  });

  it('uses NEWSROOM_TOKEN, unless --email asks for a login', () => {
    expect(resolveSettings({}, { NEWSROOM_TOKEN: 'jeton', NEWSROOM_EMAIL: 'a@b.example' })).toMatchObject({ credentials: { kind: 'token', token: 'jeton' } });
    expect(resolveSettings({ email: 'c@d.example' }, { NEWSROOM_TOKEN: 'jeton', NEWSROOM_PASSWORD: 'pw' })).toMatchObject({
      credentials: { kind: 'password', email: 'c@d.example', password: 'pw' },
    });
  });

  it('falls back to NEWSROOM_EMAIL and NEWSROOM_PASSWORD, the password null when it must be asked', () => {
    expect(resolveSettings({}, { NEWSROOM_EMAIL: 'a@b.example', NEWSROOM_PASSWORD: 'pw' })).toMatchObject({ credentials: { kind: 'password', email: 'a@b.example', password: 'pw' } });
    expect(resolveSettings({}, { NEWSROOM_EMAIL: 'a@b.example' })).toMatchObject({ credentials: { kind: 'password', email: 'a@b.example', password: null } });
    expect(resolveSettings({}, {})).toMatch(/^identifiants manquants/);
    expect(resolveSettings({}, { NEWSROOM_TOKEN: '' })).toMatch(/^identifiants manquants/);
  });
});
