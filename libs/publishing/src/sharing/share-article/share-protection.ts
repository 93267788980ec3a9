import { Inject, Injectable, Optional } from '@nestjs/common';
import { APP_CONFIG, DEFAULT_PROOF_OF_WORK, issueChallenge, verifyProofOfWork, type BaseConfig, type ProofOfWorkOptions } from '@newsroom/platform';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';

export const SHARE_PROOF_OF_WORK = Symbol('newsroom:publishing-share-proof-of-work');
const PURPOSE = 'publishing-share';

/** What came with a request: a proof to spend, none (no JavaScript: the stricter limits), or a bad one (refused). */
export type ShareProof = { kind: 'valid'; challenge: string; expiresAt: number } | { kind: 'missing' } | { kind: 'invalid' };

/**
 * The share form's proof of work, as the newsletter's subscribe form has (platform `proof-of-work`): the page
 * carries a signed challenge its script solves while the reader types. A valid proof is spent once, in
 * `publishing.share_spent_challenge` (so also across restarts and replicas); a form posted without one (no
 * JavaScript) takes the stricter limits of ShareLimits; a forged, unsolved or reused one is refused.
 */
@Injectable()
export class ShareProtection {
  readonly options: ProofOfWorkOptions;

  constructor(
    @Inject(APP_CONFIG) private readonly config: Pick<BaseConfig, 'APP_SECRET'>,
    @Optional() @Inject(SHARE_PROOF_OF_WORK) options?: ProofOfWorkOptions,
  ) {
    this.options = options ?? DEFAULT_PROOF_OF_WORK;
  }

  challenge(): { challenge: string; difficulty: number } {
    return { challenge: issueChallenge(this.config.APP_SECRET, PURPOSE, this.options), difficulty: this.options.difficulty };
  }

  check(challenge: unknown, solution: unknown): ShareProof {
    const verdict = verifyProofOfWork(this.config.APP_SECRET, PURPOSE, challenge, solution);
    if (verdict.ok) return { kind: 'valid', challenge: verdict.challenge, expiresAt: verdict.expiresAt };
    return verdict.reason === 'missing' ? { kind: 'missing' } : { kind: 'invalid' };
  }

  /** True the first time a valid proof is spent (in `tx`); expired entries are forgotten on the way. */
  async spend(tx: EntityManager, proof: Extract<ShareProof, { kind: 'valid' }>, now = Date.now()): Promise<boolean> {
    await tx.query(`DELETE FROM publishing.share_spent_challenge WHERE expires_at <= $1`, [new Date(now)]);
    const inserted: unknown[] = await tx.query(
      `INSERT INTO publishing.share_spent_challenge (challenge_hash, expires_at) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING challenge_hash`,
      [createHash('sha256').update(proof.challenge).digest('hex'), new Date(proof.expiresAt)],
    );
    return inserted.length === 1;
  }
}
