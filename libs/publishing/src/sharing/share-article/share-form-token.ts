import { signToken, verifyToken } from '@newsroom/platform';

export const SHARE_FORM_PURPOSE = 'share-form';
export const SHARE_FORM_TTL_SECONDS = 2 * 60 * 60;

/** The hidden token of the share form: signed, bound to one article, good for two hours. */
export function issueShareFormToken(secret: string, slug: string, now = Date.now()): string {
  return signToken(secret, SHARE_FORM_PURPOSE, { slug }, SHARE_FORM_TTL_SECONDS, now);
}

export function isShareFormTokenFor(secret: string, slug: string, token: unknown, now = Date.now()): boolean {
  return verifyToken<{ slug?: unknown }>(secret, SHARE_FORM_PURPOSE, token, now)?.slug === slug;
}
