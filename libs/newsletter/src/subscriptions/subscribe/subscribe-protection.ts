import { Inject, Injectable, Optional } from '@nestjs/common';
import { APP_CONFIG, DEFAULT_PROOF_OF_WORK, issueChallenge, SpentChallenges, verifyProofOfWork, type BaseConfig, type ProofOfWorkOptions } from '@newsroom/platform';

export const SUBSCRIBE_PROOF_OF_WORK = Symbol('newsroom:newsletter-subscribe-proof-of-work');
const PURPOSE = 'newsletter-subscribe';

/**
 * Bot protection of the subscription form that people do not notice: the honeypot (in the controller), and a
 * proof of work the page's script solves while the visitor types (platform `proof-of-work`). A request with a
 * valid, unspent proof takes the usual limits; one without (no JavaScript, the site's own inline form, a bot)
 * takes the slower path of SubscribeLimits.unverified.
 */
@Injectable()
export class SubscribeProtection {
  private readonly spent = new SpentChallenges();
  readonly options: ProofOfWorkOptions;

  constructor(
    @Inject(APP_CONFIG) private readonly config: Pick<BaseConfig, 'APP_SECRET'>,
    @Optional() @Inject(SUBSCRIBE_PROOF_OF_WORK) options?: ProofOfWorkOptions,
  ) {
    this.options = options ?? DEFAULT_PROOF_OF_WORK;
  }

  challenge(): { challenge: string; difficulty: number } {
    return { challenge: issueChallenge(this.config.APP_SECRET, PURPOSE, this.options), difficulty: this.options.difficulty };
  }

  /** True for a valid proof of work seen for the first time (it is then spent). */
  verified(challenge: unknown, solution: unknown): boolean {
    const verdict = verifyProofOfWork(this.config.APP_SECRET, PURPOSE, challenge, solution);
    return verdict.ok && this.spent.spend(verdict.challenge, verdict.expiresAt);
  }
}
