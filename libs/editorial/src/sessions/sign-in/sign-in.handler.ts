import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { APP_CONFIG, csrfTokenFor, issueSessionToken, SESSION_TTL_SECONDS, type BaseConfig } from '@newsroom/platform';
import type { Repository } from 'typeorm';
import { decoyPasswordHash, hashPassword, needsRehash, verifyPassword } from '../../accounts/password';
import { normaliseEmail, UserAccount } from '../../accounts/user-account.entity';
import { LoginThrottle } from './login-throttle';
import { SignInCommand, type SignInResult } from './sign-in.command';

/** Checks the password (throttled), then issues a signed session token for the account. Sessions are not stored. */
@CommandHandler(SignInCommand)
export class SignInHandler implements ICommandHandler<SignInCommand> {
  constructor(
    @InjectRepository(UserAccount, 'editorial') private readonly users: Repository<UserAccount>,
    @Inject(APP_CONFIG) private readonly config: BaseConfig,
    private readonly throttle: LoginThrottle,
  ) {}

  async execute(command: SignInCommand): Promise<SignInResult> {
    const email = normaliseEmail(command.email);
    const verdict = this.throttle.attempt(command.clientAddress, email);
    if (!verdict.allowed) return { outcome: 'throttled', retryAfterSeconds: verdict.retryAfterSeconds };

    const user = await this.users.findOne({ where: { email } });
    // An unknown email costs a hash too, so the answer's timing does not reveal which accounts exist.
    const matches = await verifyPassword(command.password, user?.passwordHash ?? (await decoyPasswordHash()));
    if (!user || !matches || user.deactivatedAt) {
      this.throttle.failed(command.clientAddress);
      return { outcome: 'rejected' };
    }
    this.throttle.succeeded(command.clientAddress, email);
    if (needsRehash(user.passwordHash)) {
      await this.users.update({ id: user.id }, { passwordHash: await hashPassword(command.password) });
    }

    const now = Date.now();
    const sid = randomUUID();
    const sessionUser = { id: user.id, email: user.email, name: user.name, role: user.role };
    return {
      outcome: 'signed-in',
      session: {
        token: issueSessionToken(this.config.APP_SECRET, { ...sessionUser, sid }, SESSION_TTL_SECONDS, now),
        csrfToken: csrfTokenFor(this.config.APP_SECRET, sid),
        expiresAt: new Date(Math.floor(now / 1000) * 1000 + SESSION_TTL_SECONDS * 1000).toISOString(),
        user: sessionUser,
      },
    };
  }
}
