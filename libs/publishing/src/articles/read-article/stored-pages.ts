import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface StoredArticlePage {
  html: string;
  gzip: Buffer;
  br: Buffer;
  /** Unquoted. */
  etag: string;
  lastModified: Date;
}

/** Where an address that is not a live article's leads. */
export type NotLive = { kind: 'moved'; slug: string } | { kind: 'gone'; language: string } | { kind: 'unknown' };

/** How long a replica serves a rendering it read before reading it again (another replica may have withdrawn it). */
export const STORED_PAGE_FRESH_MS = 1_000;
const MAX_ENTRIES = 2_000;

/**
 * The stored renderings of live articles, read from `publishing.article` and kept in memory for a second,
 * so a busy page costs one query a second, not one per request. Only live pages are kept: an article
 * published a moment ago is served at once; one withdrawn or re-rendered in this process is forgotten at
 * once, in another replica within a second.
 */
@Injectable()
export class StoredPages {
  private readonly cache = new Map<string, { page: StoredArticlePage; at: number }>();

  constructor(@InjectDataSource('publishing') private readonly dataSource: DataSource) {}

  async live(slug: string): Promise<StoredArticlePage | null> {
    const hit = this.cache.get(slug);
    if (hit && performance.now() - hit.at < STORED_PAGE_FRESH_MS) return hit.page;
    // Last-Modified is when this rendering was made: a publication, or a re-rendering (sections changed).
    const [row]: { rendered_html: string; rendered_gzip: Buffer; rendered_br: Buffer; etag: string; updated_at: Date }[] = await this.dataSource.query(
      `SELECT rendered_html, rendered_gzip, rendered_br, etag, updated_at FROM publishing.article WHERE slug = $1 AND published_at IS NOT NULL`,
      [slug],
    );
    if (!row) {
      this.cache.delete(slug);
      return null;
    }
    const page = { html: row.rendered_html, gzip: row.rendered_gzip, br: row.rendered_br, etag: row.etag, lastModified: new Date(row.updated_at) };
    if (this.cache.size >= MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(slug, { page, at: performance.now() });
    return page;
  }

  /** An old slug of an article (301 to its current one), a withdrawn article that was public (410), or nothing (404). */
  async notLive(slug: string): Promise<NotLive> {
    const [moved]: { slug: string }[] = await this.dataSource.query(
      `SELECT a.slug FROM publishing.slug_redirect r JOIN publishing.article a ON a.id = r.article_id
        WHERE r.slug = $1 AND (a.published_at IS NOT NULL OR (a.state = 'withdrawn' AND a.first_published_at IS NOT NULL))`,
      [slug],
    );
    if (moved) return { kind: 'moved', slug: moved.slug };
    const [gone]: { language: string }[] = await this.dataSource.query(
      `SELECT language FROM publishing.article WHERE slug = $1 AND state = 'withdrawn' AND first_published_at IS NOT NULL`,
      [slug],
    );
    return gone ? { kind: 'gone', language: gone.language } : { kind: 'unknown' };
  }

  forget(slug: string): void {
    this.cache.delete(slug);
  }
}
