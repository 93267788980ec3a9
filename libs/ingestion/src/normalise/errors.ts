/** Why a communiqué cannot be ingested. The HTTP layer maps each reason to a status (see communique-rejected.filter.ts). */
export type RejectionReason =
  /** Nothing but whitespace (or nothing at all). */
  | 'empty'
  /** Not text: NUL bytes, invalid UTF-8, control characters. */
  | 'binary'
  /** Larger than the ingestion limit. */
  | 'too-large'
  /** A kind of document this version cannot read yet. */
  | 'unsupported-type'
  /** Text, but nothing left once the page chrome is removed. */
  | 'no-paragraph'
  /** More paragraphs, or longer ones, than the event contract allows. */
  | 'too-long';

/** A communiqué the normaliser refuses, with a message for the person who sent it (in French). */
export class CommuniqueRejected extends Error {
  override readonly name = 'CommuniqueRejected';
  constructor(
    readonly reason: RejectionReason,
    message: string,
  ) {
    super(message);
  }
}
