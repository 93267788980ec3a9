/** A section of the site, as the administrator configured it (editorial.site.sections-changed). */
export interface SiteSection {
  /** The address part: `/rubriques/<slug>`. */
  slug: string;
  /** What readers see, and what articles name in their `section`. */
  name: string;
  /** Other spellings an article's `section` may use for it. */
  aliases: string[];
  /** In the navigation bar (a section may exist for filing only). */
  inNavigation: boolean;
}

/**
 * Until the administrator's first `editorial.site.sections-changed`: the seed site's sections, in its
 * navigation order (Accueil is the home page, not a section). The same names ingestion files breadcrumbs under.
 */
export const DEFAULT_SECTIONS: readonly SiteSection[] = [
  { slug: 'apercu-general', name: 'Aperçu général', aliases: ['Aperçu général de Chine'], inNavigation: true },
  { slug: 'qui-sommes-nous', name: 'Qui sommes-nous', aliases: [], inNavigation: true },
  { slug: 'relations-bilaterales', name: 'Relations bilatérales', aliases: [], inNavigation: true },
  { slug: 'rubrique-de-l-association', name: 'Rubrique de l’association', aliases: ['Rubrique de l’ACHA'], inNavigation: true },
  { slug: 'services-presse-et-medias', name: 'Services presse et médias', aliases: ['Services presses médias'], inNavigation: true },
  { slug: 'informations-importantes', name: 'Informations importantes', aliases: [], inNavigation: false },
];

/** Lower case, apostrophes unified: how an article's `section` is compared with a section's name and aliases. */
export function sectionKey(name: string): string {
  return name.trim().replace(/[’ʼ`]/g, "'").toLowerCase();
}

/** Every spelling that files an article under `section`, as `sectionKey`s (what the section page's query compares). */
export function sectionKeys(section: SiteSection): string[] {
  return [...new Set([section.name, ...section.aliases].map(sectionKey))];
}

/** The section an article's `section` names, by name or alias; null when none does (shown as plain text). */
export function sectionNamed(sections: readonly SiteSection[], name: string | null): SiteSection | null {
  if (!name) return null;
  const key = sectionKey(name);
  return sections.find((section) => sectionKeys(section).includes(key)) ?? null;
}

export const sectionPath = (slug: string): string => `/rubriques/${slug}`;
