import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EventOf } from '@newsroom/contracts';
import { OnEvent } from '@newsroom/messaging';
import type { DataSource, EntityManager } from 'typeorm';
import { DEFAULT_SECTIONS, type SiteSection } from '../normalise';

/**
 * The site's sections as editorial announces them (`editorial.site.sections-changed`, always the whole list):
 * breadcrumbs are mapped onto them. Kept in one row; an older announcement never replaces a newer one.
 * Until the first arrives, the built-in defaults (the demo site's) apply.
 */
@Injectable()
export class SiteSections {
  constructor(@InjectDataSource('ingestion') private readonly dataSource: DataSource) {}

  @OnEvent('editorial.site.sections-changed')
  async changed(event: EventOf<'editorial.site.sections-changed'>, tx: EntityManager): Promise<void> {
    const { siteId, sections, changedAt } = event.data;
    await tx.query(
      `INSERT INTO ingestion.site_sections (site_id, sections, changed_at) VALUES ($1, $2::jsonb, $3)
       ON CONFLICT (site_id) DO UPDATE SET sections = excluded.sections, changed_at = excluded.changed_at
        WHERE ingestion.site_sections.changed_at <= excluded.changed_at`,
      [siteId, JSON.stringify(sections.map(({ slug, name, aliases }) => ({ slug, name, aliases }))), changedAt],
    );
  }

  async current(): Promise<readonly SiteSection[]> {
    const rows: Array<{ sections: SiteSection[] }> = await this.dataSource.query(`SELECT sections FROM ingestion.site_sections ORDER BY changed_at DESC LIMIT 1`);
    return rows[0]?.sections ?? DEFAULT_SECTIONS;
  }
}
