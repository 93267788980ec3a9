import { formatFrenchDate, formatFrenchDateTime } from '@newsroom/platform';

/** The languages the site's own words come in: French first, English available. */
export type Lang = 'fr' | 'en';

/** The site's language for content in `language` (BCP 47): English for `en`, `en-GB`…, French otherwise. */
export function langOf(language: string | null | undefined): Lang {
  return /^en(-|$)/i.test(language ?? '') ? 'en' : 'fr';
}

/** `?lang=en` on the site's own pages (home, sections, search, errors); anything else is French. */
export function langOfQuery(value: unknown): Lang {
  return value === 'en' ? 'en' : 'fr';
}

/** The site's words. Article text is never translated: only what surrounds it. */
export interface Messages {
  home: string;
  breadcrumb: string;
  sectionsNav: string;
  latest: string;
  noArticles: string;
  noArticlesInSection: string;
  pagination: string;
  previousPage: string;
  nextPage: string;
  pageOf: (page: number, pages: number) => string;
  search: string;
  searchLabel: string;
  searchButton: string;
  searchResults: (count: number, query: string) => string;
  searchNothing: (query: string) => string;
  searchPrompt: string;
  notFoundTitle: string;
  notFoundText: string;
  goneTitle: string;
  goneText: string;
  backHome: string;
  correction: (date: string) => string;
  corrections: string;
  permanentAddress: string;
  subscribeTitle: string;
  subscribeEmail: string;
  subscribeButton: string;
  honeypot: string;
  latestOf: (site: string) => string;
  sectionFeed: (section: string) => string;
  /** A calendar date, YYYY-MM-DD. */
  date: (isoDate: string) => string;
  /** An instant. */
  dateTime: (at: Date | string) => string;
}

const ENGLISH_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const ENGLISH_DATE_TIME = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris', timeZoneName: 'short' });

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

export const MESSAGES: Record<Lang, Messages> = {
  fr: {
    home: 'Accueil',
    breadcrumb: 'Fil d’Ariane',
    sectionsNav: 'Rubriques',
    latest: 'Derniers articles',
    noArticles: 'Aucun article n’est encore publié.',
    noArticlesInSection: 'Aucun article n’est encore publié dans cette rubrique.',
    pagination: 'Pages',
    previousPage: 'Page précédente',
    nextPage: 'Page suivante',
    pageOf: (page, pages) => `Page ${page} sur ${pages}`,
    search: 'Recherche',
    searchLabel: 'Rechercher un article',
    searchButton: 'Rechercher',
    searchResults: (count, query) => `${count} ${plural(count, 'article trouvé', 'articles trouvés')} pour « ${query} »`,
    searchNothing: (query) => `Aucun article ne correspond à « ${query} ».`,
    searchPrompt: 'Indiquez un ou plusieurs mots.',
    notFoundTitle: 'Page introuvable',
    notFoundText: 'La page demandée n’existe pas, ou n’est pas encore publiée.',
    goneTitle: 'Article retiré',
    goneText: 'Cet article a été retiré du site et n’est plus disponible.',
    backHome: 'Retour à l’accueil',
    correction: (date) => `Correction du ${date}`,
    corrections: 'Corrections',
    permanentAddress: 'Adresse permanente de cet article :',
    subscribeTitle: 'Recevoir nos articles par courriel',
    subscribeEmail: 'Votre adresse électronique',
    subscribeButton: 'S\'abonner',
    honeypot: 'Ne pas remplir',
    latestOf: (site) => `Les derniers articles de ${site}`,
    sectionFeed: (section) => `Rubrique ${section}`,
    date: formatFrenchDate,
    dateTime: formatFrenchDateTime,
  },
  en: {
    home: 'Home',
    breadcrumb: 'Breadcrumb',
    sectionsNav: 'Sections',
    latest: 'Latest articles',
    noArticles: 'No article has been published yet.',
    noArticlesInSection: 'No article has been published in this section yet.',
    pagination: 'Pages',
    previousPage: 'Previous page',
    nextPage: 'Next page',
    pageOf: (page, pages) => `Page ${page} of ${pages}`,
    search: 'Search',
    searchLabel: 'Search the articles',
    searchButton: 'Search',
    searchResults: (count, query) => `${count} ${plural(count, 'article', 'articles')} found for “${query}”`,
    searchNothing: (query) => `No article matches “${query}”.`,
    searchPrompt: 'Type one or more words.',
    notFoundTitle: 'Page not found',
    notFoundText: 'The page you asked for does not exist, or is not published yet.',
    goneTitle: 'Article withdrawn',
    goneText: 'This article has been withdrawn from the site and is no longer available.',
    backHome: 'Back to the home page',
    correction: (date) => `Correction of ${date}`,
    corrections: 'Corrections',
    permanentAddress: 'Permanent address of this article:',
    subscribeTitle: 'Get our articles by email',
    subscribeEmail: 'Your email address',
    subscribeButton: 'Subscribe',
    honeypot: 'Leave empty',
    latestOf: (site) => `The latest articles of ${site}`,
    sectionFeed: (section) => `Section ${section}`,
    date: (isoDate) => ENGLISH_DATE.format(new Date(`${isoDate}T00:00:00Z`)),
    dateTime: (at) => ENGLISH_DATE_TIME.format(new Date(at)),
  },
};

export const messagesOf = (lang: Lang): Messages => MESSAGES[lang];
