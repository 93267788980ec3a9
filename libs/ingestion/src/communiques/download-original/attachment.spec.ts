import { attachment } from './download-original.controller';

describe('attachment', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(attachment('communique.txt')).toBe(`attachment; filename="communique.txt"; filename*=UTF-8''communique.txt`);
    expect(attachment('communiqué d’été "final".txt')).toBe(
      `attachment; filename="communique d_ete _final_.txt"; filename*=UTF-8''communiqu%C3%A9%20d%E2%80%99%C3%A9t%C3%A9%20%22final%22.txt`,
    );
  });
});
