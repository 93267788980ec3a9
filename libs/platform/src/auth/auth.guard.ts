import {
  applyDecorators,
  createParamDecorator,
  ForbiddenException,
  Inject,
  Injectable,
  Optional,
  SetMetadata,
  UnauthorizedException,
  UseGuards,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiBearerAuth, ApiCookieAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import type { BaseConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { cookieValue, csrfTokenFor, readSessionToken, roleAtLeast, SESSION_COOKIE, type Actor, type Role } from './session';
import { sameString } from './signed-token';

const REQUIRED_ROLE = Symbol('newsroom:required-role');
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type AuthenticatedRequest = Request & { actor?: Actor };

/**
 * Provided by the service that keeps the accounts (editorial): the account's role now, or null when it may no longer
 * act (deactivated, removed). With it, a session signed before a demotion or a deactivation stops working at once
 * instead of at its expiry. Where no such provider is in scope, the signed session alone decides.
 */
export const SESSION_ACCOUNTS = Symbol('newsroom:session-accounts');
export interface SessionAccounts {
  currentRole(userId: string): Promise<Role | null>;
}

/**
 * Lets a request through when it carries a valid session, as `Authorization: Bearer <token>` (API clients,
 * the CLI) or as the session cookie (the admin UI), and the session's role is at least the one required.
 * A cookie-authenticated write must also carry the session's CSRF token (`X-CSRF-Token` header or `_csrf`
 * form field): a browser attaches cookies to a forged cross-site form, never that token. 401 without a
 * valid session, 403 for a missing role or CSRF token.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(APP_CONFIG) private readonly config: BaseConfig,
    private readonly reflector: Reflector,
    @Optional() @Inject(SESSION_ACCOUNTS) private readonly accounts?: SessionAccounts,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const needed = this.reflector.getAllAndOverride<Role | undefined>(REQUIRED_ROLE, [context.getHandler(), context.getClass()]) ?? 'contributor';
    const authorization = request.headers.authorization;
    const bearer = authorization?.startsWith('Bearer ') ? authorization.slice('Bearer '.length).trim() : undefined;
    const cookie = bearer === undefined ? cookieValue(request.headers.cookie, SESSION_COOKIE) : undefined;
    const signed = readSessionToken(this.config.APP_SECRET, bearer ?? cookie);
    if (!signed) throw new UnauthorizedException('Sign in first: no valid session (expired, or signed with another key).');
    const role = this.accounts ? await this.accounts.currentRole(signed.id) : signed.role;
    if (!role) throw new UnauthorizedException('This account can no longer sign in (deactivated).');
    const actor: Actor = { ...signed, role };
    if (!roleAtLeast(actor.role, needed)) throw new ForbiddenException(`This needs the ${needed} role; you are ${actor.role}.`);
    if (cookie !== undefined && !SAFE_METHODS.has(request.method)) {
      const body = request.body as { _csrf?: unknown } | undefined;
      const given = request.headers['x-csrf-token'] ?? body?._csrf;
      if (typeof given !== 'string' || !sameString(given, csrfTokenFor(this.config.APP_SECRET, actor.sid))) {
        throw new ForbiddenException('Missing or wrong CSRF token: reload the page and try again.');
      }
    }
    request.actor = actor;
    return true;
  }
}

/** Route or controller decorator: a signed-in user with at least `role` (default: any role). */
export function Authenticated(role: Role = 'contributor') {
  return applyDecorators(
    SetMetadata(REQUIRED_ROLE, role),
    UseGuards(AuthGuard),
    ApiBearerAuth(),
    ApiCookieAuth(SESSION_COOKIE),
    ApiUnauthorizedResponse({ description: 'No valid session.' }),
    ApiForbiddenResponse({ description: `Needs the ${role} role, or the CSRF token is missing (cookie sessions).` }),
  );
}

/** The signed-in user of an @Authenticated() route. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new UnauthorizedException('Sign in first.');
  return actor;
});
