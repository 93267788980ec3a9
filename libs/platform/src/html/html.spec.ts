import { escapeHtml, html, unsafeRaw } from './html';
import { renderPage } from './page';

describe('html', () => {
  it('escapes interpolated text, keeps nested html, joins arrays, drops null and false', () => {
    const evil = '<script>alert("x")</script> & \'';
    const items = ['a<b', 'c'].map((item) => html`<li>${item}</li>`);
    expect(html`<p title="${evil}">${evil}</p><ul>${items}</ul>${null}${false}${0}`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;</p><ul><li>a&lt;b</li><li>c</li></ul>0',
    );
    expect(html`${unsafeRaw('<b>ok</b>')}`.value).toBe('<b>ok</b>');
    expect(escapeHtml('« l’État »')).toBe('« l’État »');
  });

  it('renders a French page whose title and text cannot inject markup', () => {
    const page = renderPage({ siteName: 'Ambassade', title: '</title><script>', main: html`<p>${'<img onerror=x>'}</p>` });
    expect(page).toMatch(/^<!DOCTYPE html>\n<html lang="fr">/);
    expect(page).toContain('<title>&lt;/title&gt;&lt;script&gt; | Ambassade</title>');
    expect(page).toContain('<p>&lt;img onerror=x&gt;</p>');
    expect(page).not.toContain('<script');
  });
});
