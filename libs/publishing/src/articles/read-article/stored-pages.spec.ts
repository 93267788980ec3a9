import type { DataSource } from 'typeorm';
import { STORED_PAGE_FRESH_MS, StoredPages } from './stored-pages';

/** `publishing.article` as StoredPages reads it: live rows by slug, and every query it ran. */
function articleTable() {
  const rows = new Map<string, { rendered_html: string; rendered_gzip: Buffer; rendered_br: Buffer; etag: string; updated_at: Date }>();
  const queries: string[] = [];
  const dataSource = {
    subscribers: [],
    async query(sql: string, [slug]: string[]) {
      queries.push(sql.startsWith('SELECT etag') ? `check ${slug}` : `read ${slug}`);
      await new Promise((resolve) => setImmediate(resolve));
      const row = rows.get(slug);
      return row ? [row] : [];
    },
  };
  const publish = (slug: string, html: string, etag = `etag-${slug}`) =>
    rows.set(slug, { rendered_html: html, rendered_gzip: Buffer.from('gz'), rendered_br: Buffer.from('br'), etag, updated_at: new Date('2025-03-10T08:00:00Z') });
  return { pages: new StoredPages(dataSource as unknown as DataSource), rows, queries, publish };
}

describe('StoredPages', () => {
  afterEach(() => jest.useRealTimers());

  it('keeps pages within its byte budget, the least recently read going first', async () => {
    const { pages, queries, publish } = articleTable();
    const html = 'x'.repeat(1_000);
    for (const slug of ['a', 'b', 'c', 'd']) publish(slug, html);
    // Each page counts its three bodies: 1 000 + 2 + 2 bytes.
    pages.maxBytes = 3 * 1_004;
    await pages.live('a');
    await pages.live('b');
    await pages.live('c');
    expect(pages.fresh('a')).toBeDefined(); // read again: now the most recent
    await pages.live('d');
    expect(['a', 'b', 'c', 'd'].map((slug) => pages.fresh(slug) !== undefined)).toEqual([true, false, true, true]);
    expect(queries).toEqual(['read a', 'read b', 'read c', 'read d']);
    // Larger than the whole budget: served, not kept.
    publish('e', 'y'.repeat(4_000));
    expect((await pages.live('e'))?.identity.body.length).toBe(4_000);
    expect(pages.fresh('e')).toBeUndefined();
  });

  it('shares one query among concurrent readers, and never serves a page the database confirmed longer than a second ago', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick'] });
    const { pages, queries, publish, rows } = articleTable();
    publish('a', '<p>un</p>');
    const [first, second] = await Promise.all([pages.live('a'), pages.live('a')]);
    expect(first).toBe(second);
    expect(queries).toEqual(['read a']);

    jest.advanceTimersByTime(STORED_PAGE_FRESH_MS);
    expect(pages.fresh('a')).toBeUndefined();
    expect(await pages.live('a')).toBe(first); // unchanged: a few bytes checked, nothing read again
    expect(pages.fresh('a')).toBe(first);
    expect(queries).toEqual(['read a', 'check a']);

    // Past half its freshness: served at once, checked in the background, so it does not expire.
    jest.advanceTimersByTime(STORED_PAGE_FRESH_MS * 0.6);
    expect(pages.fresh('a')).toBe(first);
    expect(queries).toEqual(['read a', 'check a', 'check a']);
    await new Promise((resolve) => setImmediate(resolve));
    jest.advanceTimersByTime(STORED_PAGE_FRESH_MS * 0.6);
    expect(pages.fresh('a')).toBe(first);

    jest.advanceTimersByTime(STORED_PAGE_FRESH_MS);
    publish('a', '<p>deux</p>', 'etag-2'); // changed by another replica
    expect((await pages.live('a'))?.identity.body.toString()).toBe('<p>deux</p>');
    jest.advanceTimersByTime(STORED_PAGE_FRESH_MS);
    rows.delete('a'); // withdrawn by another replica
    expect(await pages.live('a')).toBeNull();
    expect(pages.fresh('a')).toBeUndefined();
    expect(queries).toEqual(['read a', 'check a', 'check a', 'check a', 'read a', 'check a', 'read a']);
  });
});
