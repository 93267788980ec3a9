import path from 'node:path';
import { classifyName, dropFolderSettings, freeName, isStable, unknownTypeReason } from './drop-folder.rules';
import { testConfig } from '@newsroom/platform/testing';

describe('classifyName', () => {
  it.each([
    ['communiqué.txt', 'text/plain'],
    ['Visite.HTML', 'text/html'],
    ['page.htm', 'text/html'],
    ['page.xhtml', 'application/xhtml+xml'],
    ['note.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ])('takes %s as %s', (name, mediaType) => {
    expect(classifyName(name)).toEqual({ kind: 'communique', mediaType });
  });

  it.each(['.DS_Store', '.communiqué.txt', '~$note.docx', 'envoi.txt.tmp', 'page.html.part', 'note.docx.crdownload', 'X.TMP'])('ignores %s', (name) => {
    expect(classifyName(name)).toEqual({ kind: 'ignored' });
  });

  it.each(['communiqué.pdf', 'image.png', 'sans-extension', 'note.doc'])('marks %s as an unknown type', (name) => {
    expect(classifyName(name)).toEqual({ kind: 'unknown-type' });
  });

  it('says in French what is accepted', () => {
    expect(unknownTypeReason('a.pdf')).toBe(
      'Format non pris en charge : « a.pdf ». Formats acceptés : texte brut (.txt), HTML (.html, .htm, .xhtml) et Word (.docx).',
    );
  });
});

describe('isStable', () => {
  const now = 1_700_000_010_000;
  const old = { size: 120, mtimeMs: now - 5000 };

  it('never takes a file seen for the first time', () => {
    expect(isStable(undefined, old, now)).toBe(false);
  });

  it('takes a file unchanged since the previous scan and untouched for a second', () => {
    expect(isStable({ ...old }, old, now)).toBe(true);
    expect(isStable({ size: 120, mtimeMs: now - 1000 }, { size: 120, mtimeMs: now - 1000 }, now)).toBe(true);
  });

  it('waits while the size or the modification time changes', () => {
    expect(isStable({ ...old, size: 100 }, old, now)).toBe(false);
    expect(isStable({ ...old, mtimeMs: old.mtimeMs - 1 }, old, now)).toBe(false);
  });

  it('waits while the file was modified less than a second ago, even unchanged', () => {
    const fresh = { size: 120, mtimeMs: now - 999 };
    expect(isStable({ ...fresh }, fresh, now)).toBe(false);
    expect(isStable({ ...fresh }, fresh, now, 500)).toBe(true);
  });
});

describe('freeName', () => {
  const now = new Date(2024, 4, 1, 14, 30, 5, 42);
  const taken = (...names: string[]) => (name: string) => names.includes(name);

  it('keeps a free name', () => {
    expect(freeName('communiqué.txt', taken(), now)).toBe('communiqué.txt');
  });

  it('adds a timestamp before the extension on a collision', () => {
    expect(freeName('communiqué.txt', taken('communiqué.txt'), now)).toBe('communiqué-20240501-143005-042.txt');
    expect(freeName('LISEZMOI', taken('LISEZMOI'), now)).toBe('LISEZMOI-20240501-143005-042');
  });

  it('counts on when the stamped name is taken too', () => {
    expect(freeName('a.txt', taken('a.txt', 'a-20240501-143005-042.txt', 'a-20240501-143005-042-2.txt'), now)).toBe('a-20240501-143005-042-3.txt');
  });
});

describe('dropFolderSettings', () => {
  it('is off without INGEST_DROP_DIR, scanning every 2 s by default', () => {
    expect(dropFolderSettings(testConfig())).toEqual({ dir: null, pollMs: 2000 });
    expect(dropFolderSettings(testConfig({ INGEST_DROP_DIR: '  ' }))).toEqual({ dir: null, pollMs: 2000 });
  });

  it('resolves the folder and reads the interval', () => {
    expect(dropFolderSettings(testConfig({ INGEST_DROP_DIR: 'depot', INGEST_DROP_POLL_MS: '100' }))).toEqual({ dir: path.resolve('depot'), pollMs: 100 });
  });

  it('refuses a bad interval at start-up, naming the variable', () => {
    expect(() => testConfig({ INGEST_DROP_DIR: '/tmp/x', INGEST_DROP_POLL_MS: 'vite' })).toThrow(/INGEST_DROP_POLL_MS: expected an integer/);
    expect(() => testConfig({ INGEST_DROP_POLL_MS: '10' })).toThrow(/INGEST_DROP_POLL_MS/);
  });
});
