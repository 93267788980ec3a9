import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '@newsroom/platform';
import type { FeedView } from '../feed-row';
import { ListFeedsQuery } from './list-feeds.query';

@ApiTags('ingestion')
@Controller('api/ingestion/feeds')
export class ListFeedsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Authenticated('editor')
  @ApiOperation({ summary: 'The registered feeds and their polling state' })
  list(): Promise<FeedView[]> {
    return this.queries.execute(new ListFeedsQuery());
  }
}
