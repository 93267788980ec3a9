// Versioning, proved on test-only registries that go through the very parse path of parseEvent (parseEventWith).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { EVENTS, parseEvent, parseEventWith, type EventDefinition, type EventRegistry } from './catalogue';
import type { EventEnvelope } from './envelope';
import { articlePublishedV1, type ArticlePublishedV1 } from './events/article-published.v1';
import { violationOf } from './violation-of.spec-helper';

const publishedV1Fixture: EventEnvelope<'publishing.article.published', ArticlePublishedV1> = JSON.parse(
  readFileSync(path.join(__dirname, '..', 'fixtures', 'publishing.article.published.v1.json'), 'utf8'),
);

/** A plausible breaking change: an article may now appear in several sections. */
const articlePublishedV2 = articlePublishedV1.omit({ section: true }).extend({ sections: z.array(z.string().min(1).max(200)).max(10) }).strict();
type ArticlePublishedV2 = z.infer<typeof articlePublishedV2>;

const upcastPublishedV1: (data: unknown) => ArticlePublishedV2 = (data) => {
  const { section, ...rest } = data as ArticlePublishedV1;
  return { ...rest, sections: section === null ? [] : [section] };
};

function registryWith(definition: EventDefinition<string>): EventRegistry {
  return { ...EVENTS, [definition.type]: definition };
}

const withV2 = registryWith({
  ...EVENTS['publishing.article.published'],
  versions: { 1: { schema: articlePublishedV1, upcast: upcastPublishedV1 }, 2: { schema: articlePublishedV2 } },
  latest: 2,
});

describe('upcasting v1 -> v2', () => {
  it('still parses the kept v1 fixture once v2 exists, and hands over v2 data', () => {
    const event = parseEventWith(withV2, publishedV1Fixture);
    const { section: _section, ...unchanged } = publishedV1Fixture.data;
    expect(event.version).toBe(2);
    expect(event.data).toEqual({ ...unchanged, sections: ['Vie locale'] });
    // the envelope is untouched apart from the version
    expect({ ...event, data: null, version: 1 }).toEqual({ ...publishedV1Fixture, data: null });
  });

  it('upcasts a v1 article without section to no sections', () => {
    const raw = { ...publishedV1Fixture, data: { ...publishedV1Fixture.data, section: null } };
    expect(parseEventWith(withV2, raw).data).toMatchObject({ sections: [] });
  });

  it('parses a v2 message as it is', () => {
    const { section: _section, ...rest } = publishedV1Fixture.data;
    const raw = { ...publishedV1Fixture, version: 2, data: { ...rest, sections: ['Vie locale', 'Travaux'] } };
    expect(parseEventWith(withV2, raw)).toEqual(raw);
  });

  it('checks v1 data against v1 before upcasting, and names the version that failed', () => {
    const v1WithV2Field = { ...publishedV1Fixture, data: { ...publishedV1Fixture.data, sections: [] } };
    expect(violationOf(() => parseEventWith(withV2, v1WithV2Field)).message).toBe('invalid data for publishing.article.published v1: (root): Unrecognized key: "sections"');
    const v2WithV1Field = { ...publishedV1Fixture, version: 2 };
    expect(violationOf(() => parseEventWith(withV2, v2WithV1Field)).message).toContain('invalid data for publishing.article.published v2');
  });

  it('checks what the upcaster produced against v2: a wrong upcaster cannot hand over bad data', () => {
    const buggy = registryWith({
      ...EVENTS['publishing.article.published'],
      versions: { 1: { schema: articlePublishedV1, upcast: (data) => data }, 2: { schema: articlePublishedV2 } },
      latest: 2,
    });
    expect(violationOf(() => parseEventWith(buggy, publishedV1Fixture)).message).toContain('invalid data for publishing.article.published v2: sections: Invalid input');
  });

  it('turns an upcaster that throws into a ContractViolation (parked, not retried)', () => {
    const throwing = registryWith({
      ...EVENTS['publishing.article.published'],
      versions: { 1: { schema: articlePublishedV1, upcast: () => { throw new Error('section inconnue'); } }, 2: { schema: articlePublishedV2 } },
      latest: 2,
    });
    expect(violationOf(() => parseEventWith(throwing, publishedV1Fixture)).message).toBe('upcaster from publishing.article.published v1 to v2 failed (section inconnue)');
  });

  it('rejects v1 when the upcaster is missing, and versions beyond the latest', () => {
    const noUpcaster = registryWith({ ...EVENTS['publishing.article.published'], versions: { 1: { schema: articlePublishedV1 }, 2: { schema: articlePublishedV2 } }, latest: 2 });
    expect(violationOf(() => parseEventWith(noUpcaster, publishedV1Fixture)).message).toBe('no upcaster from publishing.article.published v1 to v2');
    expect(violationOf(() => parseEventWith(withV2, { ...publishedV1Fixture, version: 3 })).message).toBe('unknown version 3 of publishing.article.published (known: 1, 2)');
  });

  it('leaves the real catalogue alone: parseEvent still reads the fixture as v1', () => {
    const event = parseEvent(publishedV1Fixture);
    expect(event.version).toBe(EVENTS['publishing.article.published'].latest);
    expect(event).toEqual(parseEventWith(EVENTS, publishedV1Fixture));
    expect(event.data).toHaveProperty('section', 'Vie locale');
  });
});

describe('upcasting across several versions', () => {
  // test.counter.measured: v1 { n }, v2 { value } (renamed), v3 { value, unit } (unit added with a default)
  const v1 = z.object({ counterId: z.uuid(), n: z.number() }).strict();
  const v2 = z.object({ counterId: z.uuid(), value: z.number() }).strict();
  const v3 = z.object({ counterId: z.uuid(), value: z.number(), unit: z.enum(['mots', 'signes']) }).strict();
  const calls: string[] = [];
  const registry: EventRegistry = {
    'test.counter.measured': {
      type: 'test.counter.measured',
      topic: 'test.counter',
      summary: 'test only',
      versions: {
        1: { schema: v1, upcast: (d) => (calls.push('1->2'), { counterId: (d as z.infer<typeof v1>).counterId, value: (d as z.infer<typeof v1>).n }) },
        2: { schema: v2, upcast: (d) => (calls.push('2->3'), { ...(d as z.infer<typeof v2>), unit: 'mots' }) },
        3: { schema: v3 },
      },
      latest: 3,
    },
  };
  const envelope = (version: number, data: unknown) => ({
    id: '6a1f3c5e-7b9d-4e2f-8a4c-6e8a0c2e4f60',
    type: 'test.counter.measured',
    version,
    occurredAt: '2025-03-10T09:12:05.000Z',
    aggregateId: 'e2c4a6f8-1b3d-4f5a-9c7e-0a2c4e6a8c01',
    correlationId: '6a1f3c5e-7b9d-4e2f-8a4c-6e8a0c2e4f60',
    causationId: null,
    data,
  });
  const counterId = 'e2c4a6f8-1b3d-4f5a-9c7e-0a2c4e6a8c01';

  beforeEach(() => (calls.length = 0));

  it('applies every upcaster from the message version, in order', () => {
    expect(parseEventWith(registry, envelope(1, { counterId, n: 420 }))).toMatchObject({ version: 3, data: { counterId, value: 420, unit: 'mots' } });
    expect(calls).toEqual(['1->2', '2->3']);
  });

  it('starts from the version on the message', () => {
    expect(parseEventWith(registry, envelope(2, { counterId, value: 12 })).data).toEqual({ counterId, value: 12, unit: 'mots' });
    expect(calls).toEqual(['2->3']);
    expect(parseEventWith(registry, envelope(3, { counterId, value: 12, unit: 'signes' })).data).toEqual({ counterId, value: 12, unit: 'signes' });
    expect(calls).toEqual(['2->3']);
  });

  it('reports a gap in the versions instead of crashing', () => {
    const gap: EventRegistry = { 'test.counter.measured': { ...registry['test.counter.measured'], versions: { 1: registry['test.counter.measured'].versions[1], 3: { schema: v3 } } } };
    expect(violationOf(() => parseEventWith(gap, envelope(1, { counterId, n: 1 }))).message).toContain('no schema for test.counter.measured v2');
  });

  it('knows only the types of its registry', () => {
    expect(violationOf(() => parseEventWith(registry, JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'publishing.share.requested.v1.json'), 'utf8')))).message).toBe(
      'unknown event type "publishing.share.requested"',
    );
    expect(violationOf(() => parseEvent(envelope(1, { counterId, n: 1 }))).message).toBe('unknown event type "test.counter.measured"');
  });
});
