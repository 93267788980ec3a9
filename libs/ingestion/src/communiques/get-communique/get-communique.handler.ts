import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { Communique } from '../communique.entity';
import { GetCommuniqueQuery, type CommuniqueView } from './get-communique.query';

@QueryHandler(GetCommuniqueQuery)
export class GetCommuniqueHandler implements IQueryHandler<GetCommuniqueQuery> {
  constructor(@InjectRepository(Communique, 'ingestion') private readonly communiques: Repository<Communique>) {}

  async execute({ communiqueId }: GetCommuniqueQuery): Promise<CommuniqueView | null> {
    const c = await this.communiques.findOneBy({ id: communiqueId });
    if (!c) return null;
    return {
      communiqueId: c.id,
      checksum: c.checksum,
      source: { kind: c.sourceKind, name: c.sourceName },
      contentType: c.contentType,
      byteSize: c.byteSize,
      title: c.title,
      titleGenerated: c.titleGenerated,
      publishedOn: c.publishedOn,
      section: c.section,
      language: c.language,
      paragraphs: c.paragraphs,
      receivedAt: c.receivedAt.toISOString(),
      receivedBy: c.receivedBy,
    };
  }
}
