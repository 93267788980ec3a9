import { isHttpUrl, mayBeUrlList, parseUrlList, urlListOf } from './url-list';

describe('URL lists', () => {
  const utf8 = (text: string) => new TextEncoder().encode(text);

  it('reads a list: every non-empty, non-# line is an http(s) address', () => {
    const text = '# Communiqués de juin\nhttps://presse.example/2024/visas.html\n\n  http://presse.example/portes-ouvertes  \r\n# fin\n';
    expect(parseUrlList(text)).toEqual(['https://presse.example/2024/visas.html', 'http://presse.example/portes-ouvertes']);
    expect(urlListOf('juin.urls', utf8(text))).toHaveLength(2);
    expect(urlListOf('juin.TXT', utf8(text))).toHaveLength(2);
  });

  it('never takes a communiqué for a list, even one that quotes an address', () => {
    const communique = 'Journées portes ouvertes\n\nL’ambassade ouvre ses portes.\nhttps://ambassade.example/inscription\n';
    expect(parseUrlList(communique)).toBeNull();
    expect(urlListOf('portes-ouvertes.txt', utf8(communique))).toBeNull();
  });

  it('is not a list when mixed, empty, only comments, or with other schemes', () => {
    expect(parseUrlList('https://a.example/1\nvoir aussi https://a.example/2')).toBeNull();
    expect(parseUrlList('https://a.example/1\nftp://a.example/2')).toBeNull();
    expect(parseUrlList('https://a.example/1\nfile:///etc/passwd')).toBeNull();
    expect(parseUrlList('')).toBeNull();
    expect(parseUrlList('# rien\n\n')).toBeNull();
  });

  it('only looks at .urls and .txt files, in UTF-8', () => {
    expect(mayBeUrlList('a.urls')).toBe(true);
    expect(mayBeUrlList('a.txt')).toBe(true);
    expect(mayBeUrlList('a.html')).toBe(false);
    expect(urlListOf('a.html', utf8('https://a.example/'))).toBeNull();
    expect(urlListOf('a.urls', new Uint8Array([0x68, 0xff, 0xfe]))).toBeNull();
  });

  it('knows an http(s) address', () => {
    expect(isHttpUrl('https://a.example')).toBe(true);
    expect(isHttpUrl('http://127.0.0.1:8080/x?y=1')).toBe(true);
    expect(isHttpUrl('https://a.example/un espace')).toBe(false);
    expect(isHttpUrl('mailto:a@b.example')).toBe(false);
    expect(isHttpUrl('presse.example/x')).toBe(false);
  });
});
