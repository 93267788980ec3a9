import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { feedView, type FeedRow, type FeedView } from '../feed-row';
import { ListFeedsQuery } from './list-feeds.query';

@QueryHandler(ListFeedsQuery)
export class ListFeedsHandler implements IQueryHandler<ListFeedsQuery> {
  constructor(@InjectDataSource('ingestion') private readonly dataSource: DataSource) {}

  async execute(): Promise<FeedView[]> {
    const rows: FeedRow[] = await this.dataSource.query(`SELECT * FROM ingestion.feed ORDER BY created_at, url`);
    return rows.map(feedView);
  }
}
