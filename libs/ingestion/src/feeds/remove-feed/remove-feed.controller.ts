import { Controller, Delete, HttpCode, HttpStatus, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '@newsroom/platform';
import { parseFeedId } from '../feed-id';
import { RemoveFeedCommand } from './remove-feed.command';

@ApiTags('ingestion')
@Controller('api/ingestion/feeds')
export class RemoveFeedController {
  constructor(private readonly commands: CommandBus) {}

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Authenticated('editor')
  @ApiOperation({ summary: 'Forget a feed (its communiqués stay)' })
  async remove(@Param('id') id: string): Promise<void> {
    await this.commands.execute(new RemoveFeedCommand(parseFeedId(id)));
  }
}
