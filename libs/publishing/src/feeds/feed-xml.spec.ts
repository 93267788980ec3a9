import { renderRss, xmlText } from './feed-xml';
import { jsonLd, ogLocale } from '@newsroom/site-theme';

describe('xmlText', () => {
  it('escapes markup and drops the control characters XML forbids', () => {
    expect(xmlText('a < b & "c" \'d\' >')).toBe('a &lt; b &amp; &quot;c&quot; &apos;d&apos; &gt;');
    expect(xmlText('bell\u0007 tab\t nl\n')).toBe('bell tab\t nl\n');
  });
});

describe('renderRss', () => {
  it('gives each item its permanent link as guid and its first publication as pubDate', () => {
    const rss = renderRss({
      site: { name: 'Newsroom', publicUrl: 'https://news.example.org' },
      sections: [],
      title: 'Newsroom',
      pageUrl: 'https://news.example.org/',
      rssUrl: 'https://news.example.org/feed.xml',
      atomUrl: 'https://news.example.org/atom.xml',
      description: 'Les derniers articles',
      articles: [
        {
          id: '6f1c1d1e-2a3b-4c5d-8e9f-0a1b2c3d4e5f',
          slug: 'budget',
          title: 'Budget <2025>',
          publishedOn: '2025-03-10',
          section: null,
          language: 'fr',
          summary: 'Le budget',
          firstPublishedAt: new Date('2025-03-10T08:00:00Z'),
          publishedAt: new Date('2025-03-11T08:00:00Z'),
        },
      ],
    });
    expect(rss).toContain('<guid isPermaLink="true">https://news.example.org/articles/budget</guid>');
    expect(rss).toContain('<pubDate>Mon, 10 Mar 2025 08:00:00 GMT</pubDate>');
    expect(rss).toContain('<title>Budget &lt;2025&gt;</title>');
    expect(rss).not.toContain('<category>');
  });
});

describe('jsonLd', () => {
  it('cannot be closed by the text it carries', () => {
    const script = jsonLd({ headline: '</script><script>alert(1)</script> & co' }).value;
    expect(script.match(/<\/script>/g)).toHaveLength(1);
    expect(JSON.parse(script.replace(/^<script[^>]*>|<\/script>$/g, ''))).toEqual({ headline: '</script><script>alert(1)</script> & co' });
  });
});

describe('ogLocale', () => {
  it('gives Open Graph its language_TERRITORY form', () => {
    expect(['fr', 'en', 'fr-BE', 'de'].map(ogLocale)).toEqual(['fr_FR', 'en_GB', 'fr_BE', 'de_DE']);
  });
});
