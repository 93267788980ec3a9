import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Article } from './article.entity';
import { slugify, uniqueSlug } from './slug';

/**
 * Choosing and changing an article's slug. A slug is chosen from the first revision's title and stays
 * while the article has never been public; once it has been, it never changes (links, feeds and search
 * engines hold it). A new title approved before the first publication gives a new slug, and the old one
 * goes into `slug_redirect` (301). Neither a current nor an old slug is ever given to another article.
 */
@Injectable()
export class ArticleSlugs {
  /** The title's slug, or the first free `-2`, `-3` ... when other articles have (or had) it. */
  async free(tx: EntityManager, title: string, exceptArticle?: string): Promise<string> {
    const base = slugify(title);
    // A slug is [a-z0-9-] only: nothing in it is a LIKE wildcard.
    const rows: { slug: string }[] = await tx.query(
      `SELECT slug FROM publishing.article WHERE (slug = $1 OR slug LIKE $2) AND id IS DISTINCT FROM $3
       UNION SELECT slug FROM publishing.slug_redirect WHERE (slug = $1 OR slug LIKE $2) AND article_id IS DISTINCT FROM $3`,
      [base, `${base}-%`, exceptArticle ?? null],
    );
    return uniqueSlug(
      base,
      rows.map((row) => row.slug),
    );
  }

  /** A never-public article whose title's slug changed takes the new slug; the old one redirects to it. */
  async follow(tx: EntityManager, article: Article, title: string, now: Date): Promise<void> {
    if (slugify(title) === slugify(article.title)) return;
    const slug = await this.free(tx, title, article.id);
    if (slug === article.slug) return;
    await tx.query(`DELETE FROM publishing.slug_redirect WHERE slug = $1`, [slug]);
    await tx.query(`INSERT INTO publishing.slug_redirect (slug, article_id, created_at) VALUES ($1, $2, $3) ON CONFLICT (slug) DO NOTHING`, [article.slug, article.id, now]);
    await tx.query(`UPDATE publishing.article SET slug = $2 WHERE id = $1`, [article.id, slug]);
    article.slug = slug;
  }
}
