import { collapseSpaces } from './typography';

/**
 * The parts of a web page that come along when its text is copied or scraped: the navigation bar,
 * the breadcrumb, the footer links. Recognised only at the top or the bottom of the text.
 */

/** Footer links, compared lowercased with spaces collapsed. The seed pages use the English labels. */
const FOOTER_LINKS = new Set([
  'suggest to a friend',
  'print',
  'share',
  'back to top',
  'top',
  'imprimer',
  'version imprimable',
  'envoyer à un ami',
  'envoyer à un(e) ami(e)',
  'suggérer à un ami',
  'partager',
  'haut de page',
  'retour en haut',
  'retour en haut de page',
  'retour',
]);

const MAX_SEGMENT = 80;

function segments(line: string, separator: RegExp): string[] {
  return line.split(separator).map(collapseSpaces);
}

/** "Accueil | Aperçu général de Chine | Qui sommes nous …": three short segments or more, separated by |. */
export function isNavigationLine(line: string): boolean {
  const parts = segments(line, /\|/);
  return parts.length >= 3 && parts.every((part) => part.length <= MAX_SEGMENT) && parts.filter((part) => part.length > 0).length >= 3;
}

/**
 * The segments of a breadcrumb line ("Portada > Infomations Importantes", "Accueil › Presse",
 * "Accueil » Actualités"), or null when the line is not one. » counts only without «, so a quotation is never taken for a breadcrumb.
 */
export function breadcrumbOf(line: string): string[] | null {
  const separator = line.includes('«') ? /[>›]/ : /[>›»]/;
  const parts = segments(line, separator);
  if (parts.length < 2 || parts.some((part) => part.length === 0 || part.length > MAX_SEGMENT)) return null;
  if (/[.!?;:]$/.test(parts[parts.length - 1])) return null;
  return parts;
}

/** "Suggest To A Friend", "Print", "Imprimer | Partager": a line made only of footer links. */
export function isFooterLine(line: string): boolean {
  const parts = segments(line, /\|/).filter((part) => part.length > 0);
  return parts.length > 0 && parts.every((part) => FOOTER_LINKS.has(part.toLowerCase()));
}
