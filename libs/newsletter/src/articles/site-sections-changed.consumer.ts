import { Injectable } from '@nestjs/common';
import type { EventOf } from '@newsroom/contracts';
import { OnEvent } from '@newsroom/messaging';
import type { EntityManager } from 'typeorm';

/**
 * The administrator changed the site's sections (always the whole list): the newsletter keeps the latest, for
 * the preferences page and to match an article's section. A subscriber's choice of a section that is gone
 * stays stored but matches nothing new; the page shows only the current sections.
 */
@Injectable()
export class SiteSectionsChangedConsumer {
  @OnEvent('editorial.site.sections-changed')
  async on(event: EventOf<'editorial.site.sections-changed'>, tx: EntityManager): Promise<void> {
    await tx.query(`DELETE FROM newsletter.site_section`);
    let position = 0;
    for (const section of event.data.sections) {
      await tx.query(`INSERT INTO newsletter.site_section (slug, name, aliases, position) VALUES ($1, $2, $3::text[], $4)`, [
        section.slug,
        section.name,
        section.aliases,
        position++,
      ]);
    }
  }
}
