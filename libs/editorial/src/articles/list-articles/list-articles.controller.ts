import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Authenticated, parseInput } from '@newsroom/platform';
import { z } from 'zod';
import { ARTICLE_STATES } from '../article.entity';
import { ListArticlesQuery } from './list-articles.query';

const listQuery = z
  .object({
    state: z.enum(ARTICLE_STATES).optional(),
    communiqueId: z.guid({ error: 'expected a communiqué id (uuid)' }).optional(),
    section: z.string().trim().min(1).max(200).optional(),
    assigneeId: z.guid({ error: 'expected a user id (uuid)' }).optional(),
    search: z.string().trim().min(1).max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(100),
    offset: z.coerce.number().int().min(0).max(100_000).default(0),
  })
  .strict();

@ApiTags('editorial')
@Controller('api/editorial/articles')
export class ListArticlesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'Articles newest first, without their text; ?state=, ?section=, ?assigneeId=, ?search= (words in title or text), ?communiqueId= (the draft of one communiqué), ?limit=1..200, ?offset=' })
  @ApiQuery({ name: 'state', required: false, enum: ARTICLE_STATES })
  @ApiQuery({ name: 'communiqueId', required: false })
  @ApiQuery({ name: 'limit', required: false })
  async list(@Query() query: unknown) {
    const filter = parseInput(listQuery, query, 'query', 'en');
    return { articles: await this.queries.execute(new ListArticlesQuery(filter)) };
  }
}
