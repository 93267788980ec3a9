import { ConflictException } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { feedView, type FeedRow, type FeedView } from '../feed-row';
import { AddFeedCommand } from './add-feed.command';

@CommandHandler(AddFeedCommand)
export class AddFeedHandler implements ICommandHandler<AddFeedCommand> {
  constructor(@InjectDataSource('ingestion') private readonly dataSource: DataSource) {}

  async execute({ input }: AddFeedCommand): Promise<FeedView> {
    const rows: FeedRow[] = await this.dataSource.query(
      `INSERT INTO ingestion.feed (id, url, interval_seconds) VALUES ($1, $2, $3) ON CONFLICT (url) DO NOTHING RETURNING *`,
      [randomUUID(), input.url, input.intervalSeconds],
    );
    if (rows.length === 0) throw new ConflictException(`Ce flux est déjà enregistré : ${input.url}`);
    return feedView(rows[0]);
  }
}
