import { createHash } from 'node:crypto';
import { challengeDifficulty, issueChallenge, leadingZeroBits, solveChallenge, SpentChallenges, verifyProofOfWork } from './proof-of-work';

const secret = 'a-secret-of-at-least-thirty-two-characters';
const options = { difficulty: 10, ttlSeconds: 600 };

describe('proof of work', () => {
  it('counts leading zero bits', () => {
    expect(leadingZeroBits(Uint8Array.from([0, 0, 0x80]))).toBe(16);
    expect(leadingZeroBits(Uint8Array.from([0, 0x0f]))).toBe(12);
    expect(leadingZeroBits(Uint8Array.from([0x01]))).toBe(7);
    expect(leadingZeroBits(Uint8Array.from([0xff]))).toBe(0);
    expect(leadingZeroBits(Uint8Array.from([0, 0]))).toBe(16);
  });

  it('accepts a solution with enough leading zero bits in SHA-256(challenge:solution)', () => {
    const challenge = issueChallenge(secret, 'subscribe', options);
    expect(challengeDifficulty(secret, 'subscribe', challenge)).toBe(10);
    const solution = solveChallenge(challenge, 10);
    expect(leadingZeroBits(createHash('sha256').update(`${challenge}:${solution}`).digest())).toBeGreaterThanOrEqual(10);
    expect(verifyProofOfWork(secret, 'subscribe', challenge, solution)).toMatchObject({ ok: true, challenge });
  });

  it('refuses a missing, wrong, forged, foreign or expired proof', () => {
    const now = Date.now();
    const challenge = issueChallenge(secret, 'subscribe', options, now);
    const solution = solveChallenge(challenge, 10);
    // A number that does not do the work (found by search, so the test does not depend on luck).
    let wrong = 0;
    while (leadingZeroBits(createHash('sha256').update(`${challenge}:${wrong}`).digest()) >= 10) wrong++;
    expect(verifyProofOfWork(secret, 'subscribe', challenge, String(wrong))).toEqual({ ok: false, reason: 'insufficient-work' });
    expect(verifyProofOfWork(secret, 'subscribe', undefined, solution)).toEqual({ ok: false, reason: 'missing' });
    expect(verifyProofOfWork(secret, 'subscribe', challenge, '')).toEqual({ ok: false, reason: 'missing' });
    expect(verifyProofOfWork(secret, 'subscribe', challenge, `${solution}x`)).toEqual({ ok: false, reason: 'insufficient-work' });
    expect(verifyProofOfWork('another-secret-of-at-least-thirty-two-chars', 'subscribe', challenge, solution)).toEqual({ ok: false, reason: 'invalid-challenge' });
    expect(verifyProofOfWork(secret, 'share', challenge, solution)).toEqual({ ok: false, reason: 'invalid-challenge' });
    expect(verifyProofOfWork(secret, 'subscribe', challenge, solution, now + 601_000)).toEqual({ ok: false, reason: 'invalid-challenge' });
    // A difficulty cannot be lowered by editing the challenge: it is signed.
    const [body, mac] = challenge.split('.');
    const easier = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), d: 0 })).toString('base64url');
    expect(verifyProofOfWork(secret, 'subscribe', `${easier}.${mac}`, '0')).toEqual({ ok: false, reason: 'invalid-challenge' });
  });

  it('spends a challenge once until it expires', () => {
    const spent = new SpentChallenges();
    const now = Date.now();
    expect(spent.spend('c1', now + 1000, now)).toBe(true);
    expect(spent.spend('c1', now + 1000, now + 10)).toBe(false);
    expect(spent.spend('c2', now + 1000, now)).toBe(true);
    expect(spent.spend('c1', now + 5000, now + 2000)).toBe(true);
  });
});
