import { z } from 'zod';
import { EVENTS, TOPICS, SERVICES, deadLetterTopic, type EventDefinition, type TopicDefinition } from './catalogue';
import { envelopeSchema } from './envelope';

/** Where the document lives in the repository, and the command that rewrites it. */
export const ASYNCAPI_FILE = 'libs/contracts/asyncapi.yaml';
export const ASYNCAPI_COMMAND = 'npm run contracts:asyncapi';
export const KAFKA_BROKER = '127.0.0.1:9092';
/** Kafka bindings of AsyncAPI 3.0 (channel, operation and message bindings). */
const KAFKA_BINDING_VERSION = '0.5.0';

/** `ingestion.communique.received` v1 -> `ingestion.communique.received.v1`: the id of one message in the document. */
export function messageId(type: string, version: number): string {
  return `${type}.v${version}`;
}

/** The operation by which the producer writes a topic: `<producer>.send.<aggregate>` (the producer is the topic's prefix). */
export function sendOperationId(topic: TopicDefinition): string {
  return `${topic.producer}.send.${aggregateOf(topic.name)}`;
}

/** The operation by which one consumer reads a topic: `<consumer>.receive.<topic>` (unambiguous even if two producers share an aggregate name). */
export function receiveOperationId(consumer: string, topic: TopicDefinition): string {
  return `${consumer}.receive.${topic.name}`;
}

/** The JSON Schema of a zod schema as AsyncAPI 3.0 reads it by default (JSON Schema draft-07), without `$schema`. */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-7' }) as Record<string, unknown>;
  return rest;
}

function aggregateOf(topic: string): string {
  return topic.split('.')[1];
}

function camelCase(kebab: string): string {
  return kebab.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
}

const ref = (pointer: string) => ({ $ref: `#/${pointer}` });

function versionsOf(definition: EventDefinition): number[] {
  return Object.keys(definition.versions)
    .map(Number)
    .sort((a, b) => a - b);
}

function message(definition: EventDefinition, version: number) {
  const id = messageId(definition.type, version);
  const aggregate = aggregateOf(definition.topic);
  return {
    name: definition.type,
    title: `${definition.type} v${version}`,
    summary: definition.summary,
    description:
      version === definition.latest
        ? `The version producers write. The envelope is \`#/components/schemas/Envelope\`; \`data\` is \`#/components/schemas/${id}\`.`
        : `An older version still readable on the topic: consumers upcast it to v${definition.latest}.`,
    contentType: 'application/json',
    correlationId: { description: 'Shared by every event caused, directly or not, by one outside request.', location: '$message.payload#/correlationId' },
    payload: {
      allOf: [
        ref('components/schemas/Envelope'),
        {
          type: 'object',
          properties: {
            type: { const: definition.type },
            version: { const: version },
            data: ref(`components/schemas/${id}`),
          },
        },
      ],
    },
    bindings: {
      kafka: {
        key: { type: 'string', description: `The aggregate id: the envelope's aggregateId, equal to data.${camelCase(aggregate)}Id (one ${aggregate} stays on one partition, in order).` },
        bindingVersion: KAFKA_BINDING_VERSION,
      },
    },
  };
}

/**
 * The AsyncAPI 3.0 description of the event backbone, from the catalogue and the zod schemas.
 * Pure: no file access. `asyncapi.cli.ts` writes it to libs/contracts/asyncapi.yaml.
 */
export function buildAsyncApiDocument(): object {
  const definitions = Object.values(EVENTS);
  const eventsOf = (topic: TopicDefinition) => topic.events.map((type) => EVENTS[type]);

  const schemas: Record<string, unknown> = { Envelope: jsonSchemaOf(envelopeSchema) };
  const messages: Record<string, unknown> = {};
  for (const definition of definitions) {
    for (const version of versionsOf(definition)) {
      schemas[messageId(definition.type, version)] = jsonSchemaOf(definition.versions[version].schema);
      messages[messageId(definition.type, version)] = message(definition, version);
    }
  }

  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const addOperation = (id: string, operation: object) => {
    if (operations[id]) throw new Error(`two operations named ${id}`);
    operations[id] = operation;
  };
  for (const topic of TOPICS) {
    const channelMessages: Record<string, unknown> = {};
    for (const definition of eventsOf(topic)) {
      for (const version of versionsOf(definition)) {
        channelMessages[messageId(definition.type, version)] = ref(`components/messages/${messageId(definition.type, version)}`);
      }
    }
    channels[topic.name] = {
      address: topic.name,
      title: topic.name,
      summary: topic.summary,
      description: `Produced by ${topic.producer}; consumed by ${topic.consumers.join(', ')}. Kafka message key: the aggregate id (the ${aggregateOf(topic.name)} id).`,
      messages: channelMessages,
      bindings: { kafka: { topic: topic.name, bindingVersion: KAFKA_BINDING_VERSION } },
    };
    const channelRef = ref(`channels/${topic.name}`);
    const messageRefs = (latestOnly: boolean) =>
      eventsOf(topic).flatMap((definition) =>
        versionsOf(definition)
          .filter((version) => !latestOnly || version === definition.latest)
          .map((version) => ref(`channels/${topic.name}/messages/${messageId(definition.type, version)}`)),
      );
    addOperation(sendOperationId(topic), {
      action: 'send',
      channel: channelRef,
      title: `${topic.producer} sends ${topic.name}`,
      summary: `${topic.producer} writes ${topic.events.join(', ')} (latest version only), through its outbox.`,
      messages: messageRefs(true),
    });
    for (const consumer of topic.consumers) {
      addOperation(receiveOperationId(consumer, topic), {
        action: 'receive',
        channel: channelRef,
        title: `${consumer} receives ${topic.name}`,
        summary: `${consumer} reads every version still on the topic, upcast to the latest; failures are parked on ${deadLetterTopic(consumer)}.`,
        messages: messageRefs(false),
      });
    }
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Newsroom event backbone',
      version: '1.0.0',
      description: [
        'The Kafka topics between the four Newsroom services (ingestion, editorial, publishing, newsletter), generated from libs/contracts.',
        'Every message is a JSON envelope `{ id, type, version, occurredAt, aggregateId, correlationId, causationId, data }`; `data` follows the schema of (type, version).',
        'Topics are named `<producer>.<aggregate>` and keyed by the aggregate id. Versions live in the envelope, never in the topic name.',
        `Each service also owns a dead-letter topic (${SERVICES.map(deadLetterTopic).join(', ')}) where it parks the events it could not handle, with the error.`,
        `Generated by \`${ASYNCAPI_COMMAND}\`: do not edit by hand.`,
      ].join('\n\n'),
      license: { name: 'MIT' },
    },
    defaultContentType: 'application/json',
    servers: {
      local: {
        host: KAFKA_BROKER,
        protocol: 'kafka',
        description: 'The development broker (KRaft, single node), as started by the project scripts or docker-compose.',
      },
    },
    channels,
    operations,
    components: { schemas, messages },
  };
}
