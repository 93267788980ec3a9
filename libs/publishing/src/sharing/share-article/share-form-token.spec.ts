import { signToken } from '@newsroom/platform';
import { isShareFormTokenFor, issueShareFormToken } from './share-form-token';

const secret = 's'.repeat(32);

describe('share form token', () => {
  it('is good for its article for two hours, and for nothing else', () => {
    const now = Date.parse('2025-03-11T07:00:00Z');
    const token = issueShareFormToken(secret, 'budget', now);
    expect(isShareFormTokenFor(secret, 'budget', token, now + 119 * 60_000)).toBe(true);
    expect(isShareFormTokenFor(secret, 'budget', token, now + 121 * 60_000)).toBe(false);
    expect(isShareFormTokenFor(secret, 'budget-2', token, now)).toBe(false);
    expect(isShareFormTokenFor('t'.repeat(32), 'budget', token, now)).toBe(false);
    expect(isShareFormTokenFor(secret, 'budget', signToken(secret, 'session', { slug: 'budget' }, 3600, now), now)).toBe(false);
    expect(isShareFormTokenFor(secret, 'budget', undefined, now)).toBe(false);
  });
});
