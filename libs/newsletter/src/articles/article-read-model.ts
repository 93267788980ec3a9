import type { ArticlePublishedV1 } from '@newsroom/contracts';
import type { EntityManager } from 'typeorm';

/**
 * What the newsletter keeps of the site (`newsletter.article`, `newsletter.site_section`), from the events it
 * consumes: the published articles (for digests, and to cancel what a withdrawal stops) and the site's sections
 * (for the subscribers' section preferences). No other service's tables are read.
 */
export interface DigestArticle {
  id: string;
  title: string;
  summary: string;
  url: string;
  section: string | null;
  sectionSlug: string | null;
  language: string;
  publishedOn: string;
  publishedAt: Date;
}

export interface SiteSection {
  slug: string;
  name: string;
}

/** Keeps the latest revision of a published article (a correction updates its title and summary). */
export async function keepPublishedArticle(tx: EntityManager, article: ArticlePublishedV1): Promise<void> {
  await tx.query(
    `INSERT INTO newsletter.article (id, title, summary, url, section, language, published_on, published_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, summary = EXCLUDED.summary, url = EXCLUDED.url, section = EXCLUDED.section,
       language = EXCLUDED.language, published_on = EXCLUDED.published_on, withdrawn_at = NULL`,
    [article.articleId, article.title, article.summary, article.url, article.section, article.language, article.publishedOn, article.publishedAt],
  );
}

/** The slug of the site's section an article names (by name or alias, any case), or null when it has none or the site does not know it. */
export async function sectionSlugOf(tx: EntityManager, section: string | null): Promise<string | null> {
  if (!section) return null;
  const [row]: { slug: string }[] = await tx.query(
    `SELECT slug FROM newsletter.site_section
      WHERE lower(name) = lower($1) OR lower($1) = ANY (SELECT lower(a) FROM unnest(aliases) AS a)
      ORDER BY position LIMIT 1`,
    [section.trim()],
  );
  return row?.slug ?? null;
}

/** The site's sections in navigation order. */
export async function siteSections(manager: EntityManager): Promise<SiteSection[]> {
  return manager.query(`SELECT slug, name FROM newsletter.site_section ORDER BY position`);
}
