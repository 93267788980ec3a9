import { Query } from '@nestjs/cqrs';
import type { FeedView } from '../feed-row';

/** Every feed with its polling state, oldest registered first. */
export class ListFeedsQuery extends Query<FeedView[]> {}
