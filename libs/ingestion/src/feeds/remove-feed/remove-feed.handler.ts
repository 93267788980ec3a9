import { NotFoundException } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { FEED_NOT_FOUND, returnedRows } from '../feed-row';
import { RemoveFeedCommand } from './remove-feed.command';

@CommandHandler(RemoveFeedCommand)
export class RemoveFeedHandler implements ICommandHandler<RemoveFeedCommand> {
  constructor(@InjectDataSource('ingestion') private readonly dataSource: DataSource) {}

  async execute({ feedId }: RemoveFeedCommand): Promise<void> {
    const deleted = returnedRows(await this.dataSource.query(`DELETE FROM ingestion.feed WHERE id = $1 RETURNING id`, [feedId]));
    if (deleted.length === 0) throw new NotFoundException(FEED_NOT_FOUND);
  }
}
