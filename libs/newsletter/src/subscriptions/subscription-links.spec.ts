import { signToken } from '@newsroom/platform';
import { CONFIRM_TTL_SECONDS, SubscriptionLinks } from './subscription-links';

const config = { APP_SECRET: 's'.repeat(40), PUBLIC_URL: 'https://news.example.org' };
const links = new SubscriptionLinks(config);
const subject = { id: '0b6f1f5e-2a4c-4d0e-9f1a-3c5e7a9b1d20', email: 'claire@example.org' };
const tokenOf = (url: string) => new URL(url).searchParams.get('token');

describe('SubscriptionLinks', () => {
  it('makes links under PUBLIC_URL that carry who they are for', () => {
    const confirm = links.confirmUrl(subject);
    expect(confirm).toMatch(/^https:\/\/news\.example\.org\/newsletter\/confirm\?token=[A-Za-z0-9_.-]+$/);
    expect(links.readConfirmToken(tokenOf(confirm))).toEqual(subject);
    const unsubscribe = links.unsubscribeUrl(subject);
    expect(unsubscribe).toMatch(/^https:\/\/news\.example\.org\/newsletter\/unsubscribe\?token=/);
    expect(links.readUnsubscribeToken(tokenOf(unsubscribe))).toEqual(subject);
  });

  it('keeps each link to its purpose', () => {
    expect(links.readUnsubscribeToken(tokenOf(links.confirmUrl(subject)))).toBeNull();
    expect(links.readConfirmToken(tokenOf(links.unsubscribeUrl(subject)))).toBeNull();
  });

  it('lets a confirmation link expire after 7 days, and an unsubscribe link live for years', () => {
    const sentAt = Date.parse('2025-01-01T00:00:00Z');
    const confirm = tokenOf(links.confirmUrl(subject, sentAt));
    expect(links.readConfirmToken(confirm, sentAt + (CONFIRM_TTL_SECONDS - 60) * 1000)).toEqual(subject);
    expect(links.readConfirmToken(confirm, sentAt + (CONFIRM_TTL_SECONDS + 60) * 1000)).toBeNull();
    const unsubscribe = tokenOf(links.unsubscribeUrl(subject, sentAt));
    expect(links.readUnsubscribeToken(unsubscribe, Date.parse('2026-12-31T00:00:00Z'))).toEqual(subject);
  });

  it('refuses tokens signed with another key, tampered with, or whose subscriber id is not a uuid', () => {
    const other = new SubscriptionLinks({ ...config, APP_SECRET: 'o'.repeat(40) });
    expect(links.readConfirmToken(tokenOf(other.confirmUrl(subject)))).toBeNull();
    const token = tokenOf(links.confirmUrl(subject)) ?? '';
    expect(links.readConfirmToken(`x${token}`)).toBeNull();
    expect(links.readConfirmToken(signToken(config.APP_SECRET, 'newsletter-confirm', { sid: "1' OR 1=1", email: subject.email }, 60))).toBeNull();
    expect(links.readConfirmToken(signToken(config.APP_SECRET, 'newsletter-confirm', { sid: subject.id }, 60))).toBeNull();
    expect(links.readConfirmToken(undefined)).toBeNull();
  });
});
