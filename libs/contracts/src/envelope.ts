import { z } from 'zod';

/** Every event on every topic travels in this envelope. `data` is checked against the schema of (type, version). */
export const envelopeSchema = z
  .object({
    id: z.uuid(),
    type: z.string().regex(/^[a-z]+\.[a-z-]+\.[a-z-]+$/, 'type is <producer>.<aggregate>.<past-tense fact>'),
    version: z.number().int().positive(),
    occurredAt: z.iso.datetime({ offset: true }),
    aggregateId: z.string().min(1).max(200),
    correlationId: z.string().min(1).max(200),
    causationId: z.string().min(1).max(200).nullable(),
    data: z.unknown(),
  })
  .strict();

export interface EventEnvelope<TType extends string = string, TData = unknown> {
  /** Unique id of this event (uuid); consumers deduplicate on it. */
  id: string;
  type: TType;
  version: number;
  /** ISO 8601 with offset, UTC by convention. */
  occurredAt: string;
  /** The Kafka message key: every event of one aggregate lands on one partition, in order. */
  aggregateId: string;
  /** Id shared by every event caused, directly or not, by one outside request. */
  correlationId: string;
  /** Id of the event (or request) that caused this one; null for a first cause. */
  causationId: string | null;
  data: TData;
}

/** Raised when a message does not match its contract. Never retried: it goes straight to the dead-letter topic. */
export class ContractViolation extends Error {
  override readonly name = 'ContractViolation';
  constructor(
    message: string,
    readonly issues: readonly string[] = [],
  ) {
    super(issues.length ? `${message}: ${issues.join('; ')}` : message);
  }
}

export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`);
}
