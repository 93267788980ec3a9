import { createHash, randomBytes } from 'node:crypto';
import { signToken, verifyToken } from '../auth/signed-token';

/**
 * A proof of work for public forms: the server hands out a signed, expiring challenge (a token naming its
 * difficulty); the browser finds a number `solution` such that SHA-256(`<challenge>:<solution>`) starts with
 * `difficulty` zero bits (about 2^difficulty hashes: a fraction of a second for a person's browser, a real
 * cost for a bot sending thousands of requests) and posts it with the form. Nothing is stored to issue a
 * challenge; a solved one is spent once (`SpentChallenges`), in memory, until it expires.
 */
export interface ProofOfWorkOptions {
  /** Leading zero bits asked for (14: about 16 000 hashes, well under a second in a browser). */
  difficulty: number;
  /** How long a challenge may be solved and used. */
  ttlSeconds: number;
}

export const DEFAULT_PROOF_OF_WORK: ProofOfWorkOptions = { difficulty: 14, ttlSeconds: 30 * 60 };

export type ProofOfWorkVerdict = { ok: true; challenge: string; expiresAt: number } | { ok: false; reason: 'missing' | 'invalid-challenge' | 'insufficient-work' | 'spent' };

interface ChallengeClaims {
  n: string;
  d: number;
}

const purposeOf = (purpose: string) => `proof-of-work:${purpose}`;

/** A new challenge for a form (`purpose` binds it to that form). */
export function issueChallenge(secret: string, purpose: string, options: ProofOfWorkOptions = DEFAULT_PROOF_OF_WORK, now = Date.now()): string {
  return signToken<ChallengeClaims>(secret, purposeOf(purpose), { n: randomBytes(12).toString('base64url'), d: options.difficulty }, options.ttlSeconds, now);
}

/** How many leading bits of `bytes` are zero. */
export function leadingZeroBits(bytes: Uint8Array): number {
  let bits = 0;
  for (const byte of bytes) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

function work(challenge: string, solution: string): number {
  return leadingZeroBits(createHash('sha256').update(`${challenge}:${solution}`).digest());
}

/** The difficulty a challenge asks for, or null when it is not a valid unexpired challenge for `purpose`. */
export function challengeDifficulty(secret: string, purpose: string, challenge: unknown, now = Date.now()): number | null {
  const claims = verifyToken<ChallengeClaims>(secret, purposeOf(purpose), challenge, now);
  return claims && Number.isInteger(claims.d) && claims.d >= 0 && claims.d <= 32 ? claims.d : null;
}

/** Checks a posted challenge and solution (without spending it: see SpentChallenges). */
export function verifyProofOfWork(secret: string, purpose: string, challenge: unknown, solution: unknown, now = Date.now()): ProofOfWorkVerdict {
  if (challenge === undefined || challenge === '' || solution === undefined || solution === '') return { ok: false, reason: 'missing' };
  const claims = verifyToken<ChallengeClaims>(secret, purposeOf(purpose), challenge, now);
  if (!claims || !Number.isInteger(claims.d)) return { ok: false, reason: 'invalid-challenge' };
  if (typeof solution !== 'string' || !/^\d{1,15}$/.test(solution) || work(challenge as string, solution) < claims.d) return { ok: false, reason: 'insufficient-work' };
  return { ok: true, challenge: challenge as string, expiresAt: claims.exp * 1000 };
}

/** What the browser does, in Node: for tests, and for clients of the JSON API. */
export function solveChallenge(challenge: string, difficulty: number): string {
  for (let i = 0; ; i++) if (work(challenge, String(i)) >= difficulty) return String(i);
}

/** Challenges already used, until they expire: a solved challenge buys one request, not many. Per process. */
export class SpentChallenges {
  private readonly spent = new Map<string, number>();

  constructor(private readonly maxEntries = 200_000) {}

  /** True the first time a challenge is spent; false when it was already. */
  spend(challenge: string, expiresAt: number, now = Date.now()): boolean {
    if (this.spent.size >= this.maxEntries) for (const [key, expiry] of this.spent) if (expiry <= now) this.spent.delete(key);
    const known = this.spent.get(challenge);
    if (known !== undefined && known > now) return false;
    this.spent.set(challenge, expiresAt);
    return true;
  }
}

/**
 * The inline script of a form carrying `data-pow-challenge` and `data-pow-difficulty` and a hidden
 * `pow_solution` input: it starts solving when the page loads (WebCrypto SHA-256), so the work is usually done
 * before the visitor has typed their address; a submit before that waits for it ("Vérification…"). Without
 * JavaScript or WebCrypto the form posts without a solution, and the server takes its fallback path.
 */
export const PROOF_OF_WORK_SCRIPT = `(() => {
  const form = document.querySelector('form[data-pow-challenge]');
  if (!form || !window.crypto || !crypto.subtle || !window.TextEncoder) return;
  const challenge = form.dataset.powChallenge;
  const bits = Number(form.dataset.powDifficulty);
  const field = form.querySelector('input[name=pow_solution]');
  const encoder = new TextEncoder();
  const zeroBits = (bytes) => { let n = 0; for (const b of bytes) { if (b === 0) { n += 8; continue; } return n + Math.clz32(b) - 24; } return n; };
  let solved = false;
  let onSolved = null;
  (async () => {
    for (let i = 0; ; i++) {
      const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(challenge + ':' + i)));
      if (zeroBits(hash) >= bits) { field.value = String(i); solved = true; if (onSolved) onSolved(); return; }
    }
  })();
  form.addEventListener('submit', (event) => {
    if (solved) return;
    event.preventDefault();
    const button = form.querySelector('button[type=submit]');
    if (button) { button.disabled = true; button.textContent = 'Vérification…'; }
    onSolved = () => form.submit();
  });
})();`;
