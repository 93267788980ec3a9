import { createHash } from 'node:crypto';
import { DEFAULT_SECTIONS } from '@newsroom/site-theme';
import { PREVIEW_SCRIPT, PREVIEW_SCRIPT_HASH, previewPage } from './article-preview';
import { sectionsFromForm } from './admin-site-pages';

const site = { name: 'Ambassade', publicUrl: 'https://presse.example.org' };
const now = new Date('2026-03-02T10:00:00Z');

describe('the preview', () => {
  it('is the public article page: the site’s frame, its sections, the text only ever as text', () => {
    const page = previewPage(
      { title: 'Visite <b>officielle</b>', section: 'Relations bilatérales', language: 'fr', publishedOn: null, paragraphs: ['<script>alert(1)</script> Premier.', 'Second.'], revision: 3 },
      site,
      [{ slug: 'culture', name: 'Culture', aliases: [], inNavigation: true }, ...DEFAULT_SECTIONS],
      now,
    );
    expect(page).toContain('<a href="/rubriques/culture">Culture</a>');
    expect(page).toContain('<h1>Visite &lt;b&gt;officielle&lt;/b&gt;</h1>');
    expect(page).toContain('<p>&lt;script&gt;alert(1)&lt;/script&gt; Premier.</p>');
    expect(page).not.toContain('<script>alert');
    // No date yet: the day of approval in Paris, as approval will set it.
    expect(page).toContain('<time datetime="2026-03-02">2 mars 2026</time>');
    expect(page).not.toContain('class="corrections"');
  });

  it('shows a public article’s correction note as readers will see it', () => {
    const page = previewPage({ title: 'T', section: null, language: 'fr', publishedOn: '2026-03-01', paragraphs: ['Texte.'], correctionNote: 'Date corrigée.', revision: 4 }, site, DEFAULT_SECTIONS, now);
    expect(page).toMatch(/<aside class="corrections"[^>]*>[\s\S]*Date corrigée\.[\s\S]*<\/aside>/);
  });

  it('allows its script by the script’s own hash', () => {
    expect(PREVIEW_SCRIPT_HASH).toBe(`'sha256-${createHash('sha256').update(PREVIEW_SCRIPT).digest('base64')}'`);
  });
});

describe('the sections form', () => {
  it('reads the rows in the chosen order, drops blank names, and puts a moved row before the one in its place', () => {
    const form = { rows: '3', name_0: 'Actualités', slug_0: 'actualites', position_0: '1', nav_0: '1', name_1: ' ', slug_1: 'x', position_1: '2', name_2: 'Culture', slug_2: 'culture', position_2: '1', aliases_2: 'Arts, Spectacles ,', nav_2: '1' };
    expect(sectionsFromForm(form)).toEqual([
      { slug: 'culture', name: 'Culture', aliases: ['Arts', 'Spectacles'], inNavigation: true },
      { slug: 'actualites', name: 'Actualités', aliases: [], inNavigation: true },
    ]);
    expect(sectionsFromForm({ rows: '1', name_0: 'Archives', slug_0: 'archives' })).toEqual([{ slug: 'archives', name: 'Archives', aliases: [], inNavigation: false }]);
  });
});
