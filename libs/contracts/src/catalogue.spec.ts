import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  EVENTS,
  SERVICES,
  TOPICS,
  allTopics,
  causedBy,
  createEvent,
  deadLetterTopic,
  parseEvent,
  parseEventJson,
  topicOf,
  topicsConsumedBy,
  topicsProducedBy,
  type ShareRequestedV1,
} from './index';
import { envelopeSchema } from './envelope';
import { violationOf } from './violation-of.spec-helper';

const events = Object.values(EVENTS);
const share: ShareRequestedV1 = JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'publishing.share.requested.v1.json'), 'utf8')).data;

/** Past participles that do not end in -ed; add one here when an event type needs it. */
const IRREGULAR_PAST_PARTICIPLES = ['sent', 'withdrawn', 'rewritten', 'written', 'held', 'undone', 'set', 'put', 'read'];

describe('topic catalogue', () => {
  it('names topics <producer>.<aggregate>, once each', () => {
    for (const topic of TOPICS) {
      expect(topic.name).toMatch(/^[a-z]+\.[a-z]+(-[a-z]+)*$/);
      expect(topic.name.split('.')[0]).toBe(topic.producer);
    }
    expect(new Set(TOPICS.map((t) => t.name)).size).toBe(TOPICS.length);
  });

  it('gives every topic a known producer and at least one known consumer, each listed once', () => {
    for (const topic of TOPICS) {
      expect(SERVICES).toContain(topic.producer);
      expect(topic.consumers.length).toBeGreaterThan(0);
      for (const consumer of topic.consumers) expect(SERVICES).toContain(consumer);
      expect(new Set(topic.consumers).size).toBe(topic.consumers.length);
      expect(topic.events.length).toBeGreaterThan(0);
      expect(topic.summary.length).toBeGreaterThan(0);
    }
  });

  it('files every event type under its key, in exactly one topic, the one named by its <producer>.<aggregate> prefix', () => {
    for (const [key, definition] of Object.entries(EVENTS)) {
      expect(definition.type).toBe(key);
      const owners = TOPICS.filter((t) => t.events.includes(definition.type));
      expect(owners.map((t) => t.name)).toEqual([definition.topic]);
      expect(definition.type.split('.').slice(0, 2).join('.')).toBe(definition.topic);
      expect(topicOf(definition.type)).toBe(definition.topic);
    }
    // and no topic lists an event the catalogue does not define
    for (const topic of TOPICS) for (const type of topic.events) expect(Object.keys(EVENTS)).toContain(type);
  });

  it('names events as past-tense facts that the envelope accepts', () => {
    for (const { type } of events) {
      expect(envelopeSchema.shape.type.safeParse(type).success).toBe(true);
      const fact = type.split('.')[2];
      const pastTense = fact.endsWith('ed') || IRREGULAR_PAST_PARTICIPLES.includes(fact);
      expect(`${type}: ${pastTense ? 'past tense' : 'not a past-tense fact'}`).toBe(`${type}: past tense`);
    }
  });

  it('keeps versions 1..latest without gaps, an upcaster on every version but the latest', () => {
    for (const definition of events) {
      const versions = Object.keys(definition.versions).map(Number);
      expect(versions).toEqual(Array.from({ length: definition.latest }, (_, i) => i + 1));
      for (const v of versions) {
        const hasUpcaster = typeof definition.versions[v].upcast === 'function';
        expect(`${definition.type} v${v} upcaster: ${hasUpcaster}`).toBe(`${definition.type} v${v} upcaster: ${v !== definition.latest}`);
      }
    }
  });

  it('carries the aggregate id in the data of every event, as <aggregate>Id (a uuid): that is the Kafka key', () => {
    for (const definition of events) {
      const aggregate = definition.topic.split('.')[1].replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
      const schema = definition.versions[definition.latest].schema;
      expect(schema).toBeInstanceOf(z.ZodObject);
      const field = (schema as z.ZodObject).shape[`${aggregate}Id`];
      expect(`${definition.type}: ${field ? 'has' : 'lacks'} ${aggregate}Id`).toBe(`${definition.type}: has ${aggregate}Id`);
      expect(field).toBeInstanceOf(z.ZodUUID);
    }
  });

  it('derives producers and consumers per service from the topics', () => {
    expect(topicsProducedBy('editorial')).toEqual(['editorial.article', 'editorial.site']);
    expect(topicsConsumedBy('ingestion')).toEqual(['editorial.site']);
    expect(topicsConsumedBy('publishing')).toEqual(['editorial.article', 'editorial.site']);
    expect(topicsProducedBy('publishing')).toEqual(['publishing.article', 'publishing.share']);
    expect(topicsConsumedBy('newsletter')).toEqual(['editorial.site', 'publishing.article', 'publishing.share']);
    expect(topicsProducedBy('newsletter')).toEqual([]);
    for (const service of SERVICES) {
      for (const name of topicsConsumedBy(service)) expect(TOPICS.find((t) => t.name === name)?.consumers).toContain(service);
    }
  });

  it('has one dead-letter topic per service, <service>.dead-letter, distinct from the event topics', () => {
    expect(SERVICES.map(deadLetterTopic)).toEqual(['ingestion.dead-letter', 'editorial.dead-letter', 'publishing.dead-letter', 'newsletter.dead-letter']);
    const all = allTopics();
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual([...TOPICS.map((t) => t.name), ...SERVICES.map(deadLetterTopic)]);
  });
});

describe('parseEvent on what is not an event', () => {
  it.each([
    ['null', null, 'invalid envelope'],
    ['a string', 'ingestion.communique.received', 'invalid envelope'],
    ['an empty object', {}, 'invalid envelope'],
    ['an array', [], 'invalid envelope'],
  ])('rejects %s', (_, raw, expected) => {
    expect(violationOf(() => parseEvent(raw)).message).toContain(expected);
  });

  it.each([
    ['truncated JSON', '{"id":"3f6c2a1e-8b4d', 'message is not JSON'],
    ['an empty message', '', 'message is not JSON'],
    ['text', 'Communiqué de presse', 'message is not JSON'],
    ['valid JSON that is not an envelope', '42', 'invalid envelope'],
  ])('rejects %s', (_, text, expected) => {
    expect(violationOf(() => parseEventJson(text)).message).toContain(expected);
  });

  it('rejects a version the type never had, and version 0', () => {
    const base = JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'publishing.share.requested.v1.json'), 'utf8'));
    expect(violationOf(() => parseEvent({ ...base, version: 2 })).message).toBe('unknown version 2 of publishing.share.requested (known: 1)');
    expect(violationOf(() => parseEvent({ ...base, version: 0 })).message).toContain('invalid envelope: version');
  });
});

describe('createEvent', () => {
  const meta = { aggregateId: share.shareId };

  it('fills the envelope: fresh uuid, latest version, first cause correlates to itself', () => {
    const event = createEvent('publishing.share.requested', share, meta);
    expect(event.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(event).toMatchObject({ type: 'publishing.share.requested', version: EVENTS['publishing.share.requested'].latest, correlationId: event.id, causationId: null, aggregateId: share.shareId });
    expect(parseEvent(JSON.parse(JSON.stringify(event)))).toEqual(event);
  });

  it('chains correlation and causation with causedBy', () => {
    const cause = createEvent('publishing.share.requested', share, meta);
    const effect = createEvent('publishing.share.requested', { ...share, shareId: '0d9c8b7a-6f5e-4d3c-8b2a-1f0e9d8c7b6a' }, causedBy(cause, '0d9c8b7a-6f5e-4d3c-8b2a-1f0e9d8c7b6a'));
    expect(effect).toMatchObject({ correlationId: cause.correlationId, causationId: cause.id });
  });

  it('refuses data the consumers would reject, naming the field', () => {
    const bad = { ...share, senderName: 'Jeanne\r\nBcc: tous@example.net' };
    expect(violationOf(() => createEvent('publishing.share.requested', bad, meta)).message).toBe('invalid data for publishing.share.requested v1: senderName: one line');
  });

  it('refuses an envelope the consumers would reject (empty key, made-up id, invalid date)', () => {
    expect(violationOf(() => createEvent('publishing.share.requested', share, { aggregateId: '' })).message).toContain('aggregateId');
    expect(violationOf(() => createEvent('publishing.share.requested', share, { ...meta, id: 'share-1' })).message).toContain('id: Invalid UUID');
    expect(violationOf(() => createEvent('publishing.share.requested', share, { ...meta, occurredAt: new Date('demain') })).message).toContain('occurredAt');
  });
});

describe('library boundary', () => {
  // eslint enforces this too (bannedExternalImports); this spec also catches node built-ins and other npm packages.
  const runtimeFiles = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return runtimeFiles(full);
      return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.cli.ts') ? [full] : [];
    });

  it('imports only zod and its own files at runtime (the CLI may also use node and yaml)', () => {
    const offenders: string[] = [];
    for (const file of runtimeFiles(__dirname)) {
      const source = readFileSync(file, 'utf8');
      for (const [, specifier] of source.matchAll(/(?:\bfrom\s+|\bimport\s+|\brequire\(\s*|\bimport\(\s*)['"]([^'"]+)['"]/g)) {
        if (specifier !== 'zod' && !specifier.startsWith('./') && !specifier.startsWith('../')) offenders.push(`${path.relative(__dirname, file)} imports ${specifier}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
