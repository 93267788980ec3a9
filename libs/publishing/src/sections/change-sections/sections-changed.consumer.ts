import { Injectable } from '@nestjs/common';
import type { EventOf } from '@newsroom/contracts';
import { OnEvent } from '@newsroom/messaging';
import { Clock } from '@newsroom/platform';
import { IsNull, Not, type EntityManager } from 'typeorm';
import { Article } from '../../articles/article.entity';
import { ArticlePublisher } from '../../articles/publish-article/article-publisher';
import type { SiteSection } from '@newsroom/site-theme';
import { SiteSections } from '../site-sections';

/**
 * The administrator changed the site's sections (always the whole list, in navigation order): keep the
 * latest list, and render every live article again, since its stored page holds the navigation bar and
 * the breadcrumb's link. No `publishing.article.published` for that: no article changed.
 */
@Injectable()
export class SectionsChangedConsumer {
  constructor(
    private readonly publisher: ArticlePublisher,
    private readonly sections: SiteSections,
    private readonly clock: Clock,
  ) {}

  @OnEvent('editorial.site.sections-changed')
  async on(event: EventOf<'editorial.site.sections-changed'>, tx: EntityManager): Promise<void> {
    const { data } = event;
    const sections: SiteSection[] = data.sections.map((s) => ({ slug: s.slug, name: s.name, aliases: s.aliases ?? [], inNavigation: s.inNavigation ?? true }));
    // A list older than the one kept (a late redelivery) changes nothing.
    const kept: unknown[] = await tx.query(
      `INSERT INTO publishing.site_sections (id, site_id, sections, changed_at) VALUES (1, $1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET site_id = EXCLUDED.site_id, sections = EXCLUDED.sections, changed_at = EXCLUDED.changed_at
       WHERE publishing.site_sections.changed_at <= EXCLUDED.changed_at
       RETURNING id`,
      [data.siteId, JSON.stringify(sections), data.changedAt],
    );
    if (!kept.length) return;
    const now = this.clock.now();
    const live = await tx.getRepository(Article).find({ where: { publishedAt: Not(IsNull()) }, lock: { mode: 'pessimistic_write' }, order: { id: 'ASC' } });
    for (const article of live) await this.publisher.rerender(tx, article, now);
    this.sections.forget();
  }
}
