import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { Communique } from '../communique.entity';
import { GetOriginalQuery, type OriginalFile } from './get-original.query';

const FILE_KINDS = new Set(['upload', 'cli', 'folder', 'docx']);

@QueryHandler(GetOriginalQuery)
export class GetOriginalHandler implements IQueryHandler<GetOriginalQuery> {
  constructor(@InjectRepository(Communique, 'ingestion') private readonly communiques: Repository<Communique>) {}

  async execute({ communiqueId }: GetOriginalQuery): Promise<OriginalFile | null> {
    const c = await this.communiques
      .createQueryBuilder('c')
      .addSelect('c.original')
      .where('c.id = :communiqueId', { communiqueId })
      .getOne();
    if (!c) return null;
    const fileName = FILE_KINDS.has(c.sourceKind) && c.sourceName ? c.sourceName : `communique-${c.id}.txt`;
    return { bytes: c.original, contentType: c.contentType, fileName };
  }
}
