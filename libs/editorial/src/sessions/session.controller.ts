import { Body, Controller, Delete, Get, Header, HttpCode, HttpException, HttpStatus, Inject, Post, Req, Res, UnauthorizedException } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, APP_CONFIG, Authenticated, type BaseConfig, clientAddress, csrfTokenFor, CurrentActor, parseInput } from '@newsroom/platform';
import type { Request, Response } from 'express';
import { clearedSessionCookie, sessionCookie } from './session-cookie';
import { credentials } from './sign-in/credentials';
import { SignInCommand } from './sign-in/sign-in.command';

/** Sign in, see who is signed in, sign out. The token works as `Authorization: Bearer` and as the `newsroom_session` cookie. */
@ApiTags('editorial')
@Controller('api/editorial/session')
export class SessionController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(APP_CONFIG) private readonly config: BaseConfig,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in (JSON or form): the token, its CSRF token, and the session cookie; 401 wrong credentials, 429 too many failures' })
  @ApiBody({ schema: { type: 'object', required: ['email', 'password'], properties: { email: { type: 'string' }, password: { type: 'string' } } } })
  async signIn(@Body() body: unknown, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const { email, password } = parseInput(credentials, body, 'credentials', 'en');
    const result = await this.commands.execute(new SignInCommand(email, password, clientAddress(request)));
    if (result.outcome === 'throttled') {
      response.setHeader('Retry-After', String(result.retryAfterSeconds));
      throw new HttpException(
        { statusCode: HttpStatus.TOO_MANY_REQUESTS, message: `Too many failed sign-ins: try again in ${result.retryAfterSeconds} s.` },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    if (result.outcome === 'rejected') throw new UnauthorizedException('Wrong email or password.');
    response.setHeader('Set-Cookie', sessionCookie(result.session.token, this.config.PUBLIC_URL));
    response.setHeader('Cache-Control', 'no-store');
    return result.session;
  }

  @Get()
  @Authenticated()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'The signed-in user and the session’s CSRF token' })
  current(@CurrentActor() actor: Actor) {
    return { user: { id: actor.id, email: actor.email, name: actor.name, role: actor.role }, csrfToken: csrfTokenFor(this.config.APP_SECRET, actor.sid) };
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: clears the session cookie (the token itself expires on its own)' })
  signOut(@Res({ passthrough: true }) response: Response): void {
    response.setHeader('Set-Cookie', clearedSessionCookie(this.config.PUBLIC_URL));
  }
}
