import { z } from 'zod';

/** A calendar date, YYYY-MM-DD (a communiqué's date has no time of day). */
export const isoDate = z.iso.date();
export const isoDateTime = z.iso.datetime({ offset: true });
export const paragraphs = z.array(z.string().min(1).max(20_000)).min(1).max(500);
export const language = z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'BCP 47 language such as fr or fr-FR');
export const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'sha-256 in lowercase hex');
/** Text that may end up in an email header (a subject, a display name): no CR or LF, so no header injection. */
export const oneLine = (max: number) => z.string().min(1).max(max).regex(/^[^\r\n]*$/, 'one line');
/** A title: one line everywhere, since it becomes an email subject and a feed entry title. */
export const title = oneLine(500);
/** The address of a public page: http(s) only, never `javascript:` or `data:`, since it becomes a link in emails and feeds. */
export const webUrl = z.url({ protocol: /^https?$/, error: (issue) => (issue.code === 'invalid_format' ? 'http(s) URL' : undefined) });
