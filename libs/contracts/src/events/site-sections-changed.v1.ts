import { z } from 'zod';
import { isoDateTime, oneLine } from './shared';

export const sectionSlug = z.string().min(1).max(100).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lowercase slug such as relations-bilaterales');

/**
 * The site's sections in navigation order, slugs and names unique. Articles name their section by `name`;
 * `aliases` are other spellings sources use for it (ingestion maps breadcrumbs onto them).
 * Also what the administrator's edit of the list is checked against.
 */
export const siteSections = z
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
  .max(100)
  .refine((list) => new Set(list.map((s) => s.slug)).size === list.length, 'section slugs must be unique')
  .refine((list) => new Set(list.map((s) => s.name.toLowerCase())).size === list.length, 'section names must be unique');

/**
 * editorial.site.sections-changed v1: the site's sections, as the administrator configured them. Always the whole
 * list, so a consumer keeps only the latest. `siteId` (the Kafka key) names the installation's site, fixed when
 * editorial first starts.
 */
export const siteSectionsChangedV1 = z
  .object({
    siteId: z.uuid(),
    sections: siteSections,
    changedBy: z.string().min(1).max(200),
    changedAt: isoDateTime,
  })
  .strict();

export type SiteSectionsChangedV1 = z.infer<typeof siteSectionsChangedV1>;
