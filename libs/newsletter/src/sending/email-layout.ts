import { html, type SafeHtml } from '@newsroom/platform';
import { PREFERENCES_URL_PLACEHOLDER, UNSUBSCRIBE_URL_PLACEHOLDER } from './personalise';

/**
 * The HTML part of every email: one column at most 36rem wide (phones get the full width, text at 16px),
 * inline styles (many mail clients drop <style>), and a dark variant for the clients that honour
 * `prefers-color-scheme` and `color-scheme` (Apple Mail, Outlook on the web and phones; others keep the
 * light one, whose colours survive the automatic inversion of Gmail). French. Every interpolated value goes
 * through `html`, so what a reader or a communiqué wrote lands as text.
 */
export function emailHtml(options: { title: string; siteName: string; body: SafeHtml; footer: SafeHtml }): string {
  return html`<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="supported-color-schemes" content="light dark">
<title>${options.title}</title>
<style>
:root { color-scheme: light dark; supported-color-schemes: light dark; }
@media (prefers-color-scheme: dark) {
  body, .page { background: #15181d !important; color: #e6e8eb !important; }
  a { color: #f2a5a5 !important; }
  .muted { color: #a9b0bc !important; }
}
</style>
</head>
<body class="page" style="margin:0;padding:0;background:#ffffff;color:#1d2330;font:16px/1.6 Georgia,'Times New Roman',serif;-webkit-text-size-adjust:100%">
<div class="page" style="max-width:36rem;margin:0 auto;padding:1.5rem 1rem">
<p style="margin:0 0 1rem;padding-bottom:.5rem;border-bottom:3px solid #8a1c1c;font:700 1.1rem/1.2 system-ui,sans-serif">${options.siteName}</p>
${options.body}
<div class="muted" style="margin-top:2rem;padding-top:1rem;border-top:1px solid #d9dde5;font:.85rem/1.5 system-ui,sans-serif;color:#5b6475">
${options.footer}
</div>
</div>
</body>
</html>
`.value;
}

/** Why a subscriber gets this email, and their two links (filled in per subscriber by the sender). */
export function subscriberFooter(why: string): { text: string[]; html: SafeHtml } {
  return {
    text: ['-- ', why, `Gérer mes préférences : ${PREFERENCES_URL_PLACEHOLDER}`, `Se désabonner : ${UNSUBSCRIBE_URL_PLACEHOLDER}`, ''],
    html: html`<p>${why}</p>
<p><a href="${PREFERENCES_URL_PLACEHOLDER}" style="color:#5b6475">Gérer mes préférences</a> · <a href="${UNSUBSCRIBE_URL_PLACEHOLDER}" style="color:#5b6475">Se désabonner</a></p>`,
  };
}

/** The headers of every email to subscribers: RFC 8058 one-click unsubscribe and the List-Id, wire-ready. */
export function subscriberHeaders(listId: string): Record<string, string> {
  return {
    'List-Unsubscribe': `<${UNSUBSCRIBE_URL_PLACEHOLDER}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    'List-Id': listId,
  };
}
