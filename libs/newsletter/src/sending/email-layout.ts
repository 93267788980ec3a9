import { html, type SafeHtml } from '@newsroom/platform';

/**
 * The HTML part of every email: one column, inline styles (mail clients drop <style>), French. Every
 * interpolated value goes through `html`, so what a reader or a communiqué wrote lands as text.
 */
export function emailHtml(options: { title: string; siteName: string; body: SafeHtml; footer: SafeHtml }): string {
  return html`<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title}</title>
</head>
<body style="margin:0;padding:0;background:#ffffff;color:#1d2330;font:16px/1.6 Georgia,'Times New Roman',serif">
<div style="max-width:36rem;margin:0 auto;padding:1.5rem 1rem">
<p style="margin:0 0 1rem;padding-bottom:.5rem;border-bottom:3px solid #8a1c1c;font:700 1.1rem/1.2 system-ui,sans-serif">${options.siteName}</p>
${options.body}
<div style="margin-top:2rem;padding-top:1rem;border-top:1px solid #d9dde5;font:.85rem/1.5 system-ui,sans-serif;color:#5b6475">
${options.footer}
</div>
</div>
</body>
</html>
`.value;
}
