import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, Authenticated, CurrentActor, parseInput } from '@newsroom/platform';
import { z } from 'zod';
import { newUserBody, userChangeBody, UserAccounts } from './user-accounts';

const userIdParams = z.object({ id: z.guid() }).strict();

@ApiTags('editorial')
@Controller('api/editorial/users')
export class UsersController {
  constructor(private readonly users: UserAccounts) {}

  @Get()
  @Authenticated('admin')
  @ApiOperation({ summary: 'The accounts (administrator)' })
  async list() {
    return { users: await this.users.list() };
  }

  @Post()
  @Authenticated('admin')
  @ApiOperation({ summary: 'Create an account with a role and a password (administrator)' })
  create(@Body() body: unknown, @CurrentActor() actor: Actor) {
    const { _csrf, ...input } = parseInput(newUserBody, body, 'body', 'en');
    void _csrf;
    return this.users.create(input, actor);
  }

  @Patch(':id')
  @Authenticated('admin')
  @ApiOperation({ summary: "Change an account's role, deactivate or reactivate it (administrator); never the last active administrator" })
  change(@Param() params: unknown, @Body() body: unknown, @CurrentActor() actor: Actor) {
    const { id } = parseInput(userIdParams, params, 'path', 'en');
    const { _csrf, ...change } = parseInput(userChangeBody, body, 'body', 'en');
    void _csrf;
    return this.users.change(id, change, actor);
  }
}
