import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, Authenticated, CurrentActor, parseInput } from '@newsroom/platform';
import { z } from 'zod';
import { articleIdParams } from '../article-id';
import { ApproveArticleCommand } from './approve-article.command';

const approveBody = z
  .object({
    publishAt: z.iso.datetime({ offset: true, error: 'expected an ISO 8601 date and time with its offset, e.g. 2026-03-01T09:00:00+01:00' }).nullable().optional(),
    // The CSRF token of a cookie session may come as a field instead of the X-CSRF-Token header.
    _csrf: z.string().optional(),
  })
  .strict();

@ApiTags('editorial')
@Controller('api/editorial/articles')
export class ApproveArticleController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/approve')
  @HttpCode(200)
  @Authenticated('editor')
  @ApiOperation({ summary: 'Approve a draft (editor): publishes editorial.article.approved; 409 if it is not a draft' })
  @ApiBody({ required: false, schema: { type: 'object', properties: { publishAt: { type: 'string', format: 'date-time', nullable: true } } } })
  async approve(@Param() params: unknown, @Body() body: unknown, @CurrentActor() actor: Actor) {
    const { id } = parseInput(articleIdParams, params, 'article id', 'en');
    const { publishAt } = parseInput(approveBody, body, 'body', 'en');
    return this.commands.execute(new ApproveArticleCommand(id, actor, publishAt ? new Date(publishAt) : null));
  }
}
