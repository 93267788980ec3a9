import { safeNext } from './admin-http';

describe('safeNext', () => {
  it('keeps admin paths of this site', () => {
    for (const path of ['/admin', '/admin/', '/admin/articles/7d3c8c1e-3a4f-4b6e-9d2a-0f1e2d3c4b5a']) expect(safeNext(path)).toBe(path);
  });

  it('drops anything that could lead elsewhere', () => {
    for (const path of ['//evil.example/admin', 'https://evil.example/admin', '/admin/../logout', '/administrator', '/admin?x=1', '/admin\\evil', '', undefined, ['/admin']]) {
      expect(safeNext(path)).toBeUndefined();
    }
  });
});
