import { Command } from '@nestjs/cqrs';
import type { Role } from '@newsroom/platform';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/** What a successful sign-in hands out: the token (Bearer, or the cookie's value) and its CSRF token. */
export interface IssuedSession {
  token: string;
  csrfToken: string;
  expiresAt: string;
  user: SessionUser;
}

export type SignInResult =
  | { outcome: 'signed-in'; session: IssuedSession }
  /** Unknown email or wrong password: the caller must not say which. */
  | { outcome: 'rejected' }
  | { outcome: 'throttled'; retryAfterSeconds: number };

/** Someone gives an email and a password, from a client address (for the throttle). */
export class SignInCommand extends Command<SignInResult> {
  constructor(
    readonly email: string,
    readonly password: string,
    readonly clientAddress: string,
  ) {
    super();
  }
}
