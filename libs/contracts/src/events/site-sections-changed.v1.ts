import { z } from 'zod';
import { isoDateTime, oneLine } from './shared';

export const sectionSlug = z.string().min(1).max(100).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lowercase slug such as relations-bilaterales');

/**
 * editorial.site.sections-changed v1: the site's sections, as the administrator configured them, in navigation order.
 * Always the whole list, so a consumer keeps only the latest. `siteId` (the Kafka key) names the installation's site,
 * fixed when editorial first starts. Articles name their
 * section by `name`; `aliases` are other spellings sources use for it (ingestion maps breadcrumbs onto them).
 */
export const siteSiteSectionsChangedV1 = z
  .object({
    siteId: z.uuid(),
    sections: z
      .array(
        z
          .object({
            slug: sectionSlug,
            name: oneLine(200),
            aliases: z.array(oneLine(200)).max(20).default([]),
            /** Shown in the site's navigation bar (a section may exist for filing only). */
            inNavigation: z.boolean().default(true),
          })
          .strict(),
      )
      .max(100),
    changedBy: z.string().min(1).max(200),
    changedAt: isoDateTime,
  })
  .strict()
  .refine((data) => new Set(data.sections.map((s) => s.slug)).size === data.sections.length, { message: 'section slugs must be unique', path: ['sections'] })
  .refine((data) => new Set(data.sections.map((s) => s.name.toLowerCase())).size === data.sections.length, { message: 'section names must be unique', path: ['sections'] });

export type SiteSectionsChangedV1 = z.infer<typeof siteSiteSectionsChangedV1>;
