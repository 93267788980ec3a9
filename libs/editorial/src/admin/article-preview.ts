import { createHash } from 'node:crypto';
import { renderArticlePage, siteOf, summarize, type Site, type SiteSection } from '@newsroom/site-theme';
import type { BaseConfig } from '@newsroom/platform';
import { parisDate } from '../articles/article';

/** What the editor has typed (already through the save's schema), and what the article already is. */
export interface PreviewContent {
  title: string;
  section: string | null;
  language: string;
  /** The draft's date; the day of approval in Paris when it has none (as approval does). */
  publishedOn: string | null;
  paragraphs: readonly string[];
  /** The correction note of a public article's new revision, shown under it as readers will see it. */
  correctionNote?: string | null;
  revision: number;
}

/** The address a preview's links point at: the real slug is chosen by publishing at publication. */
export const PREVIEW_SLUG = 'apercu';

export const previewSite = (config: Pick<BaseConfig, 'SITE_NAME' | 'PUBLIC_URL'>): Site => siteOf(config);

/**
 * The article page exactly as the public site will render it: publishing's own renderer
 * (`@newsroom/site-theme`), the site's name and address, and the sections as editorial knows them.
 */
export function previewPage(content: PreviewContent, site: Site, sections: readonly SiteSection[], now: Date): string {
  const note = content.correctionNote?.trim();
  return renderArticlePage(
    {
      id: 'apercu',
      slug: PREVIEW_SLUG,
      title: content.title,
      publishedOn: content.publishedOn ?? parisDate(now),
      section: content.section,
      language: content.language,
      paragraphs: [...content.paragraphs],
      summary: summarize(content.paragraphs[0] ?? ''),
      corrections: note ? [{ revision: content.revision, note, correctedAt: now.toISOString() }] : [],
      firstPublishedAt: now,
      publishedAt: now,
    },
    site,
    sections,
  );
}

/**
 * The admin's only script: as the editor types, the editor form is posted (debounced, with its CSRF field)
 * to the preview endpoint and the answer replaces the sandboxed iframe's document. Without it, the
 * "Prévisualiser" button does the same with a page load. Allowed by its hash in the admin's CSP.
 */
export const PREVIEW_SCRIPT = `(() => {
  const form = document.getElementById('editeur');
  const frame = document.getElementById('apercu-cadre');
  if (!form || !frame) return;
  let timer = 0;
  let sent = 0;
  const refresh = async () => {
    const mine = ++sent;
    const response = await fetch(form.dataset.preview, { method: 'POST', body: new URLSearchParams(new FormData(form)), credentials: 'same-origin' });
    if (mine !== sent) return;
    frame.setAttribute('aria-busy', 'false');
    if (response.ok) frame.srcdoc = await response.text();
  };
  form.addEventListener('input', () => {
    clearTimeout(timer);
    frame.setAttribute('aria-busy', 'true');
    timer = setTimeout(() => refresh().catch(() => frame.setAttribute('aria-busy', 'false')), 300);
  });
})();`;

export const PREVIEW_SCRIPT_HASH = `'sha256-${createHash('sha256').update(PREVIEW_SCRIPT).digest('base64')}'`;
