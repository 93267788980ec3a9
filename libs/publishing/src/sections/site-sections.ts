import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { DEFAULT_SECTIONS, type SiteSection } from '@newsroom/site-theme';

/** How long a replica keeps the sections it read before reading them again (another replica may have changed them). */
const FRESH_MS = 1_000;

/**
 * The site's sections: the administrator's latest list (`publishing.site_sections`), or DEFAULT_SECTIONS
 * before the first one arrives. Read at most once a second per process for the pages built on request.
 */
@Injectable()
export class SiteSections {
  private cached: { sections: readonly SiteSection[]; at: number } | null = null;

  constructor(@InjectDataSource('publishing') private readonly dataSource: DataSource) {}

  async current(): Promise<readonly SiteSection[]> {
    if (this.cached && performance.now() - this.cached.at < FRESH_MS) return this.cached.sections;
    const sections = await loadSections(this.dataSource.manager);
    this.cached = { sections, at: performance.now() };
    return sections;
  }

  /** After this process changed them. */
  forget(): void {
    this.cached = null;
  }
}

export async function loadSections(manager: EntityManager): Promise<readonly SiteSection[]> {
  const [row]: { sections: SiteSection[] }[] = await manager.query(`SELECT sections FROM publishing.site_sections WHERE id = 1`);
  return row ? row.sections : DEFAULT_SECTIONS;
}
