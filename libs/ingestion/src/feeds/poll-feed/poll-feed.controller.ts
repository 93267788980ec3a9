import { Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '@newsroom/platform';
import { parseFeedId } from '../feed-id';
import type { PollOutcome } from './feed-polling';
import { PollFeedCommand } from './poll-feed.command';

@ApiTags('ingestion')
@Controller('api/ingestion/feeds')
export class PollFeedController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/poll')
  @HttpCode(HttpStatus.OK)
  @Authenticated('editor')
  @ApiOperation({ summary: 'Poll a feed now', description: '`{ status, newEntries, ingested, rejected, error }`; 404 unknown, 409 being polled.' })
  poll(@Param('id') id: string): Promise<PollOutcome> {
    return this.commands.execute(new PollFeedCommand(parseFeedId(id)));
  }
}
