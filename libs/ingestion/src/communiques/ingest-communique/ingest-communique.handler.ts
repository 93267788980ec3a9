import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { createEvent } from '@newsroom/contracts';
import { currentCorrelation, Outbox } from '@newsroom/messaging';
import { createHash, randomUUID } from 'node:crypto';
import type { DataSource, Repository } from 'typeorm';
import { normaliseCommunique } from '../../normalise';
import { SiteSections } from '../../site-sections/site-sections';
import { Communique } from '../communique.entity';
import { fingerprint, findNearDuplicate, indexFingerprint } from '../near-duplicates';
import { IngestCommuniqueCommand, type IngestedCommunique } from './ingest-communique.command';

const MAX_SOURCE_NAME = 500;

@CommandHandler(IngestCommuniqueCommand)
export class IngestCommuniqueHandler implements ICommandHandler<IngestCommuniqueCommand> {
  constructor(
    @InjectDataSource('ingestion') private readonly dataSource: DataSource,
    @InjectRepository(Communique, 'ingestion') private readonly communiques: Repository<Communique>,
    private readonly outbox: Outbox,
    private readonly sections: SiteSections,
  ) {}

  async execute({ input }: IngestCommuniqueCommand): Promise<IngestedCommunique> {
    const checksum = createHash('sha256').update(input.raw).digest('hex');
    const existing = await this.communiques.findOneBy({ checksum });
    if (existing) return summary(existing, true);

    const normalised = normaliseCommunique(input.raw, input.contentType, await this.sections.current());
    const signature = fingerprint(normalised.title, normalised.paragraphs);
    const communique: Communique = Object.assign(new Communique(), {
      id: randomUUID(),
      checksum,
      sourceKind: input.sourceKind,
      sourceName: oneLine(input.sourceName)?.slice(0, MAX_SOURCE_NAME) || null,
      contentType: input.contentType,
      original: input.raw,
      byteSize: input.raw.byteLength,
      ...normalised,
      receivedAt: new Date(),
      receivedBy: input.receivedBy,
      fingerprint: signature,
      nearDuplicateOf: null,
      nearDuplicateSimilarity: null,
    });

    const stored = await this.dataSource.transaction(async (tx) => {
      // Looked up before the insert, so the new communiqué is never its own candidate.
      const nearDuplicate = signature ? await findNearDuplicate(tx, signature) : null;
      communique.nearDuplicateOf = nearDuplicate?.communiqueId ?? null;
      communique.nearDuplicateSimilarity = nearDuplicate?.similarity ?? null;
      // Two identical ingests at once: the second waits on the unique checksum, then inserts nothing.
      const inserted = await tx.createQueryBuilder().insert().into(Communique).values(communique).orIgnore().returning(['id']).execute();
      if (inserted.raw.length === 0) return false;
      if (signature) await indexFingerprint(tx, communique.id, signature);
      const correlation = currentCorrelation();
      await this.outbox.add(
        tx,
        createEvent(
          'ingestion.communique.received',
          {
            communiqueId: communique.id,
            source: { kind: communique.sourceKind, name: communique.sourceName },
            checksum,
            title: communique.title,
            titleGenerated: communique.titleGenerated,
            publishedOn: communique.publishedOn,
            section: communique.section,
            language: communique.language,
            paragraphs: communique.paragraphs,
            tags: communique.tags,
            nearDuplicateOf: nearDuplicate,
            receivedAt: communique.receivedAt.toISOString(),
          },
          { aggregateId: communique.id, correlationId: correlation?.correlationId, causationId: correlation?.causationId ?? null },
        ),
      );
      return true;
    });
    if (stored) return summary(communique, false);
    return summary(await this.communiques.findOneByOrFail({ checksum }), true);
  }
}

function oneLine(text: string | null): string | null {
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  return text === null ? null : text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}

function summary(communique: Communique, duplicate: boolean): IngestedCommunique {
  return {
    communiqueId: communique.id,
    duplicate,
    title: communique.title,
    titleGenerated: communique.titleGenerated,
    publishedOn: communique.publishedOn,
    section: communique.section,
    sourceSection: communique.sourceSection,
    language: communique.language,
    paragraphs: communique.paragraphs.length,
    tags: communique.tags,
    checksum: communique.checksum,
    nearDuplicateOf: communique.nearDuplicateOf === null ? null : { communiqueId: communique.nearDuplicateOf, similarity: communique.nearDuplicateSimilarity ?? 0 },
  };
}
