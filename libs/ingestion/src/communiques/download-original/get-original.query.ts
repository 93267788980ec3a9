import { Query } from '@nestjs/cqrs';

export interface OriginalFile {
  bytes: Buffer;
  contentType: string;
  /** A name to save it under: the uploaded file's, else communique-<id>.txt. */
  fileName: string;
}

export class GetOriginalQuery extends Query<OriginalFile | null> {
  constructor(readonly communiqueId: string) {
    super();
  }
}
