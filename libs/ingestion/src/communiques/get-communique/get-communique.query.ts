import { Query } from '@nestjs/cqrs';
import type { SourceKind } from '../communique.entity';

/** A stored communiqué: its normalised version and what is known of its original. */
export interface CommuniqueView {
  communiqueId: string;
  checksum: string;
  source: { kind: SourceKind; name: string | null };
  contentType: string;
  byteSize: number;
  title: string;
  titleGenerated: boolean;
  publishedOn: string | null;
  section: string | null;
  language: string;
  paragraphs: string[];
  receivedAt: string;
  receivedBy: string;
}

export class GetCommuniqueQuery extends Query<CommuniqueView | null> {
  constructor(readonly communiqueId: string) {
    super();
  }
}
