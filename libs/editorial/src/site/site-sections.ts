import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createEvent } from '@newsroom/contracts';
import { currentCorrelation, Outbox } from '@newsroom/messaging';
import { Clock, type Actor } from '@newsroom/platform';
import { DEFAULT_SECTIONS as SITE_DEFAULT_SECTIONS } from '@newsroom/site-theme';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { actorName } from '../review/article-record';
import { AuditEntry } from '../review/review.entities';
import { Site, type SectionConfig } from './site.entity';

/**
 * The sections of a new installation: those of the seed site's navigation bar, and the section of its
 * breadcrumb (filed, not in the bar), as the site draws them. The administrator changes them in the admin.
 */
export const DEFAULT_SECTIONS: readonly SectionConfig[] = SITE_DEFAULT_SECTIONS;

/**
 * The site's sections, owned here: created with the defaults on the first start, replaced by an administrator;
 * each change (the first included) is announced whole as `editorial.site.sections-changed`, in the same
 * transaction, for ingestion, publishing and the newsletter.
 */
@Injectable()
export class SiteSections implements OnApplicationBootstrap {
  constructor(
    @InjectDataSource('editorial') private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      // Two replicas starting together: one creates the site, the other finds it.
      await tx.query(`LOCK TABLE editorial.site IN SHARE ROW EXCLUSIVE MODE`);
      if ((await tx.count(Site)) > 0) return;
      const site = Object.assign(new Site(), { id: randomUUID(), sections: [...DEFAULT_SECTIONS], updatedBy: 'Newsroom', updatedAt: this.clock.now() });
      await tx.insert(Site, site);
      await this.announce(tx, site);
    });
  }

  async current(tx: EntityManager = this.dataSource.manager): Promise<Site> {
    const [site] = await tx.find(Site, { take: 1 });
    if (!site) throw new Error('The site is not set up yet (editorial has not finished starting).');
    return site;
  }

  async names(tx?: EntityManager): Promise<string[]> {
    return (await this.current(tx)).sections.map((section) => section.name);
  }

  /** Replaces the whole list (already validated), records it in the audit trail and announces it. */
  async replace(sections: SectionConfig[], actor: Actor): Promise<Site> {
    return this.dataSource.transaction(async (tx) => {
      const site = await tx.createQueryBuilder(Site, 'site').setLock('pessimistic_write').getOne();
      if (!site) throw new Error('The site is not set up yet.');
      const before = { sections: site.sections };
      const now = this.clock.now();
      Object.assign(site, { sections, updatedBy: actorName(actor), updatedAt: now });
      await tx.update(Site, { id: site.id }, { sections, updatedBy: site.updatedBy, updatedAt: now });
      await tx.insert(AuditEntry, { id: randomUUID(), articleId: null, actorId: actor.id, actorName: actorName(actor), action: 'sections', at: now, before, after: { sections } });
      await this.announce(tx, site);
      return site;
    });
  }

  private async announce(tx: EntityManager, site: Site): Promise<void> {
    const cause = currentCorrelation();
    const data = { siteId: site.id, sections: site.sections, changedBy: site.updatedBy, changedAt: site.updatedAt.toISOString() };
    await this.outbox.add(tx, createEvent('editorial.site.sections-changed', data, { aggregateId: site.id, correlationId: cause?.correlationId, causationId: cause?.causationId }));
  }
}
