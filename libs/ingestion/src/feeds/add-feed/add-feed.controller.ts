import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '@newsroom/platform';
import type { FeedView } from '../feed-row';
import { AddFeedCommand } from './add-feed.command';
import { parseAddFeed } from './add-feed.input';

@ApiTags('ingestion')
@Controller('api/ingestion/feeds')
export class AddFeedController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Authenticated('editor')
  @ApiOperation({ summary: 'Register an RSS/Atom feed', description: '`{ url, intervalSeconds? }` (60–86400, default 900). 201 the feed, polled soon; 409 already registered.' })
  add(@Body() body: unknown): Promise<FeedView> {
    return this.commands.execute(new AddFeedCommand(parseAddFeed(body)));
  }
}
