import { html, unsafeRaw, type SafeHtml } from './html';

/** The site's look, shared by every service that serves pages (the public site, the newsletter pages, the admin). */
export const BASE_STYLESHEET = `
:root{--ink:#1d2330;--muted:#5b6475;--line:#d9dde5;--accent:#8a1c1c;--bg:#fff;--soft:#f5f6f8;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--ink:#e8eaf0;--muted:#a9b0bf;--line:#3a4150;--accent:#f08a7e;--bg:#15181f;--soft:#1f232c}}
*{box-sizing:border-box}
body{margin:0;font:1.0625rem/1.6 Georgia,"Times New Roman",serif;color:var(--ink);background:var(--bg)}
a{color:var(--accent)}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:var(--bg);padding:.5rem}
header.site{border-bottom:3px solid var(--accent);padding:1rem max(1rem,calc(50% - 24rem))}
header.site .name{font:700 1.4rem/1.2 system-ui,sans-serif;color:var(--ink);text-decoration:none}
nav.sections ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;margin:.75rem 0 0;padding:0;font:.95rem system-ui,sans-serif}
nav.sections a{color:var(--muted);text-decoration:none}nav.sections a:hover,nav.sections a[aria-current]{color:var(--accent)}
main{max-width:48rem;margin:0 auto;padding:1.5rem 1rem 3rem}
h1{font-size:1.9rem;line-height:1.25;margin:.25rem 0 .5rem}
.meta,.breadcrumb{font:.9rem system-ui,sans-serif;color:var(--muted)}
.breadcrumb ol{list-style:none;display:flex;flex-wrap:wrap;gap:.4rem;padding:0;margin:0}
.breadcrumb li+li::before{content:"›";margin-right:.4rem}
.actions{display:flex;gap:1rem;margin:2rem 0;padding-top:1rem;border-top:1px solid var(--line);font:.95rem system-ui,sans-serif}
form.stack{display:grid;gap:.75rem;max-width:30rem;font:1rem system-ui,sans-serif}
form.stack label{display:grid;gap:.25rem}
input,textarea,select,button{font:inherit;padding:.5rem .6rem;border:1px solid var(--line);border-radius:4px;background:var(--bg);color:var(--ink)}
button{background:var(--accent);border-color:var(--accent);color:#fff;cursor:pointer;justify-self:start}
.notice{background:var(--soft);border-left:4px solid var(--accent);padding:.75rem 1rem}
.error{color:#b00020}
ul.articles{list-style:none;padding:0}ul.articles li{padding:1rem 0;border-bottom:1px solid var(--line)}
ul.articles h2{font-size:1.3rem;margin:0 0 .25rem}ul.articles h2 a{color:var(--ink);text-decoration:none}
footer.site{border-top:1px solid var(--line);padding:1rem;text-align:center;font:.85rem system-ui,sans-serif;color:var(--muted)}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
@media print{header.site nav,.actions,footer.site,.no-print{display:none}body{font-size:12pt}a{color:inherit}}
`;

export interface PageOptions {
  siteName: string;
  title: string;
  /** BCP 47; the site is French first. */
  lang?: string;
  description?: string;
  /** Extra elements for <head> (canonical link, feeds, ...). */
  head?: SafeHtml;
  /** Under the site name: the sections' navigation. */
  nav?: SafeHtml;
  main: SafeHtml;
  /** For pages that must not be indexed (forms, confirmations). */
  noindex?: boolean;
}

export function renderPage(options: PageOptions): string {
  const { siteName, title } = options;
  const fullTitle = title === siteName ? siteName : `${title} | ${siteName}`;
  return html`<!DOCTYPE html>
<html lang="${options.lang ?? 'fr'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${fullTitle}</title>
${options.description ? html`<meta name="description" content="${options.description}">` : ''}
${options.noindex ? html`<meta name="robots" content="noindex">` : ''}
${options.head ?? ''}
<style>${unsafeRaw(BASE_STYLESHEET)}</style>
</head>
<body>
<a class="skip" href="#content">Aller au contenu</a>
<header class="site">
<a class="name" href="/">${siteName}</a>
${options.nav ?? ''}
</header>
<main id="content">
${options.main}
</main>
<footer class="site">${siteName}</footer>
</body>
</html>
`.value;
}
