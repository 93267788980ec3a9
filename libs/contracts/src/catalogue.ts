import { z } from 'zod';
import { ContractViolation, describeIssues, envelopeSchema, type EventEnvelope } from './envelope';
import { articleApprovedV1, type ArticleApprovedV1 } from './events/article-approved.v1';
import { articleCorrectedV1, type ArticleCorrectedV1 } from './events/article-corrected.v1';
import { articlePublishedV1, type ArticlePublishedV1 } from './events/article-published.v1';
import { articleRescheduledV1, type ArticleRescheduledV1 } from './events/article-rescheduled.v1';
import { articleWithdrawnV1, type ArticleWithdrawnV1 } from './events/article-withdrawn.v1';
import { publishedArticleWithdrawnV1, type PublishedArticleWithdrawnV1 } from './events/published-article-withdrawn.v1';
import { siteSectionsChangedV1, type SiteSectionsChangedV1 } from './events/site-sections-changed.v1';
import { communiqueReceivedV1, type CommuniqueReceivedV1 } from './events/communique-received.v1';
import { shareRequestedV1, type ShareRequestedV1 } from './events/share-requested.v1';

export const SERVICES = ['ingestion', 'editorial', 'publishing', 'newsletter'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** The data of the latest version of each event type: what handlers receive after upcasting. */
export interface EventDataMap {
  'ingestion.communique.received': CommuniqueReceivedV1;
  'editorial.article.approved': ArticleApprovedV1;
  'editorial.article.rescheduled': ArticleRescheduledV1;
  'editorial.article.corrected': ArticleCorrectedV1;
  'editorial.article.withdrawn': ArticleWithdrawnV1;
  'editorial.site.sections-changed': SiteSectionsChangedV1;
  'publishing.article.published': ArticlePublishedV1;
  'publishing.article.withdrawn': PublishedArticleWithdrawnV1;
  'publishing.share.requested': ShareRequestedV1;
}
/** What a producer writes: the same, except that fields with a default (added in place to a version) may be left out. */
export interface EventInputMap {
  'ingestion.communique.received': z.input<typeof communiqueReceivedV1>;
  'editorial.article.approved': z.input<typeof articleApprovedV1>;
  'editorial.article.rescheduled': z.input<typeof articleRescheduledV1>;
  'editorial.article.corrected': z.input<typeof articleCorrectedV1>;
  'editorial.article.withdrawn': z.input<typeof articleWithdrawnV1>;
  'editorial.site.sections-changed': z.input<typeof siteSectionsChangedV1>;
  'publishing.article.published': z.input<typeof articlePublishedV1>;
  'publishing.article.withdrawn': z.input<typeof publishedArticleWithdrawnV1>;
  'publishing.share.requested': z.input<typeof shareRequestedV1>;
}
export type EventType = keyof EventDataMap;
export type EventOf<T extends EventType> = EventEnvelope<T, EventDataMap[T]>;
export type AnyEvent = { [T in EventType]: EventOf<T> }[EventType];

export interface EventVersion {
  schema: z.ZodType;
  /** Turns data of this version into data of the next one. Absent on the latest version. */
  upcast?: (data: unknown) => unknown;
}

export interface EventDefinition<TType extends string = EventType> {
  type: TType;
  topic: string;
  summary: string;
  /** Every version that may still be on a topic, oldest first; the last is the one producers write. */
  versions: Record<number, EventVersion>;
  latest: number;
}

export interface TopicDefinition {
  /** `<producer>.<aggregate>`; the message key is the aggregate id. */
  name: string;
  producer: ServiceName;
  consumers: ServiceName[];
  events: EventType[];
  summary: string;
}

export const EVENTS: Record<EventType, EventDefinition> = {
  'ingestion.communique.received': {
    type: 'ingestion.communique.received',
    topic: 'ingestion.communique',
    summary: 'A communiqué arrived; its original is stored and this is its first normalised reading.',
    versions: { 1: { schema: communiqueReceivedV1 } },
    latest: 1,
  },
  'editorial.article.approved': {
    type: 'editorial.article.approved',
    topic: 'editorial.article',
    summary: 'An editor approved a revision of an article for publication (now or at publishAt).',
    versions: { 1: { schema: articleApprovedV1 } },
    latest: 1,
  },
  'editorial.article.rescheduled': {
    type: 'editorial.article.rescheduled',
    topic: 'editorial.article',
    summary: 'The publication time of an approved article that is not yet public changed (embargo moved).',
    versions: { 1: { schema: articleRescheduledV1 } },
    latest: 1,
  },
  'editorial.article.corrected': {
    type: 'editorial.article.corrected',
    topic: 'editorial.article',
    summary: 'A new revision of a public article was approved, with a correction note for readers.',
    versions: { 1: { schema: articleCorrectedV1 } },
    latest: 1,
  },
  'editorial.article.withdrawn': {
    type: 'editorial.article.withdrawn',
    topic: 'editorial.article',
    summary: 'An article must not be, or no longer be, public (scheduled publication cancelled, or taken down).',
    versions: { 1: { schema: articleWithdrawnV1 } },
    latest: 1,
  },
  'editorial.site.sections-changed': {
    type: 'editorial.site.sections-changed',
    topic: 'editorial.site',
    summary: "The site's sections as the administrator configured them, always the whole list.",
    versions: { 1: { schema: siteSectionsChangedV1 } },
    latest: 1,
  },
  'publishing.article.published': {
    type: 'publishing.article.published',
    topic: 'publishing.article',
    summary: "An article's page is live on the public site.",
    versions: { 1: { schema: articlePublishedV1 } },
    latest: 1,
  },
  'publishing.article.withdrawn': {
    type: 'publishing.article.withdrawn',
    topic: 'publishing.article',
    summary: 'An article is no longer public (410) or will never be; pending alerts and shares for it stop.',
    versions: { 1: { schema: publishedArticleWithdrawnV1 } },
    latest: 1,
  },
  'publishing.share.requested': {
    type: 'publishing.share.requested',
    topic: 'publishing.share',
    summary: 'A reader asked to send an article to a friend ("Suggest To A Friend").',
    versions: { 1: { schema: shareRequestedV1 } },
    latest: 1,
  },
};

export const TOPICS: TopicDefinition[] = [
  {
    name: 'ingestion.communique',
    producer: 'ingestion',
    consumers: ['editorial'],
    events: ['ingestion.communique.received'],
    summary: 'Communiqués as they arrive, normalised.',
  },
  {
    name: 'editorial.article',
    producer: 'editorial',
    consumers: ['publishing'],
    events: ['editorial.article.approved', 'editorial.article.rescheduled', 'editorial.article.corrected', 'editorial.article.withdrawn'],
    summary: 'Editorial decisions on articles.',
  },
  {
    name: 'editorial.site',
    producer: 'editorial',
    consumers: ['ingestion', 'publishing', 'newsletter'],
    events: ['editorial.site.sections-changed'],
    summary: "The site's configuration: its sections: navigation, filing of breadcrumbs, subscribers' preferences.",
  },
  {
    name: 'publishing.article',
    producer: 'publishing',
    consumers: ['editorial', 'newsletter'],
    events: ['publishing.article.published', 'publishing.article.withdrawn'],
    summary: 'Articles as they go live on the public site.',
  },
  {
    name: 'publishing.share',
    producer: 'publishing',
    consumers: ['newsletter'],
    events: ['publishing.share.requested'],
    summary: '"Suggest To A Friend" requests from readers.',
  },
];

/** Where a service parks the events it could not handle, with the error. One per consumer group. */
export function deadLetterTopic(service: ServiceName): string {
  return `${service}.dead-letter`;
}

export function topicOf(type: EventType): string {
  return EVENTS[type].topic;
}

export function topicsProducedBy(service: ServiceName): string[] {
  return TOPICS.filter((t) => t.producer === service).map((t) => t.name);
}

export function topicsConsumedBy(service: ServiceName): string[] {
  return TOPICS.filter((t) => t.consumers.includes(service)).map((t) => t.name);
}

/** Every topic a deployment needs, dead-letter topics included: created up front, never on first use. */
export function allTopics(): string[] {
  return [...TOPICS.map((t) => t.name), ...SERVICES.map(deadLetterTopic)];
}

export function isEventType(type: string): type is EventType {
  return Object.prototype.hasOwnProperty.call(EVENTS, type);
}

/** Event definitions by type: EVENTS is the real one; a spec may build its own to exercise versioning. */
export type EventRegistry = Readonly<Record<string, EventDefinition<string>>>;

/**
 * Parses anything that came off the wire: checks the envelope, the data against the schema of its
 * (type, version), then upcasts the data to the latest version. Throws ContractViolation otherwise.
 */
export function parseEvent(raw: unknown): AnyEvent {
  return parseEventWith(EVENTS, raw) as AnyEvent;
}

/** The core of parseEvent, against any registry. Each version's schema is checked before its upcaster runs. */
export function parseEventWith(registry: EventRegistry, raw: unknown): EventEnvelope {
  const envelope = envelopeSchema.safeParse(raw);
  if (!envelope.success) throw new ContractViolation('invalid envelope', describeIssues(envelope.error));
  const { type, version } = envelope.data;
  if (!Object.prototype.hasOwnProperty.call(registry, type)) throw new ContractViolation(`unknown event type ${JSON.stringify(type)}`);
  const definition = registry[type];
  if (!definition.versions[version] || version > definition.latest) {
    throw new ContractViolation(`unknown version ${version} of ${type} (known: ${Object.keys(definition.versions).join(', ')})`);
  }
  let data: unknown = envelope.data.data;
  for (let v = version; ; v++) {
    const step = definition.versions[v];
    if (!step) throw new ContractViolation(`no schema for ${type} v${v} (versions must run from 1 to ${definition.latest} without gaps)`);
    const parsed = step.schema.safeParse(data);
    if (!parsed.success) throw new ContractViolation(`invalid data for ${type} v${v}`, describeIssues(parsed.error));
    data = parsed.data;
    if (v === definition.latest) break;
    if (!step.upcast) throw new ContractViolation(`no upcaster from ${type} v${v} to v${v + 1}`);
    try {
      data = step.upcast(data);
    } catch (error) {
      // Deterministic: retrying would fail the same way, so it is parked like any other contract violation.
      throw new ContractViolation(`upcaster from ${type} v${v} to v${v + 1} failed (${(error as Error).message})`);
    }
  }
  return { ...envelope.data, type, version: definition.latest, data };
}

/** Parses the JSON text of a message; malformed JSON is a contract violation like any other. */
export function parseEventJson(text: string): AnyEvent {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ContractViolation(`message is not JSON (${(error as Error).message})`);
  }
  return parseEvent(raw);
}

export interface EventMeta {
  aggregateId: string;
  /** Defaults to the causing event's correlation id, or to this event's own id for a first cause. */
  correlationId?: string;
  causationId?: string | null;
  id?: string;
  occurredAt?: Date;
}

/** Builds a new event of the latest version; the data is checked, so a producer cannot write what consumers would reject. */
export function createEvent<T extends EventType>(type: T, data: EventInputMap[T], meta: EventMeta): EventOf<T> {
  const definition = EVENTS[type];
  const parsed = definition.versions[definition.latest].schema.safeParse(data);
  if (!parsed.success) throw new ContractViolation(`invalid data for ${type} v${definition.latest}`, describeIssues(parsed.error));
  const id = meta.id ?? globalThis.crypto.randomUUID();
  const occurredAt = meta.occurredAt ?? new Date();
  if (Number.isNaN(occurredAt.getTime())) throw new ContractViolation(`invalid envelope for ${type}`, ['occurredAt: invalid date']);
  const event: EventOf<T> = {
    id,
    type,
    version: definition.latest,
    occurredAt: occurredAt.toISOString(),
    aggregateId: meta.aggregateId,
    correlationId: meta.correlationId ?? id,
    causationId: meta.causationId ?? null,
    data: parsed.data as EventDataMap[T],
  };
  // The envelope too: an empty aggregate id or a made-up event id would be rejected by every consumer.
  const envelope = envelopeSchema.safeParse(event);
  if (!envelope.success) throw new ContractViolation(`invalid envelope for ${type}`, describeIssues(envelope.error));
  return event;
}

/** Convenience for a handler: the meta of an event caused by `cause` (same correlation, causation = cause.id). */
export function causedBy(cause: Pick<EventEnvelope, 'id' | 'correlationId'>, aggregateId: string): EventMeta {
  return { aggregateId, correlationId: cause.correlationId, causationId: cause.id };
}
