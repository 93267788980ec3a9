// Golden fixtures: one complete envelope per (event type, version), kept forever, plus messages every consumer must reject.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { EVENTS, createEvent, parseEvent, parseEventJson, type EventDataMap, type EventType } from './catalogue';
import type { EventEnvelope } from './envelope';
import { violationOf } from './violation-of.spec-helper';

/**
 * Fields added to a version in place (an additive change keeps the version): events written before them
 * lack them, and parse with this default.
 */
const ADDED_IN_PLACE: Record<string, Record<string, unknown>> = {
  'ingestion.communique.received': { tags: [], nearDuplicateOf: null },
};

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const INVALID = path.join(FIXTURES, 'invalid');

interface Golden {
  file: string;
  text: string;
  event: EventEnvelope;
}

interface Invalid {
  file: string;
  reason: string;
  expectedErrors: string[];
  /** The message as it arrives: `text` when it is not even JSON, `event` otherwise. */
  text?: string;
  event?: unknown;
}

const jsonFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

const golden: Golden[] = jsonFiles(FIXTURES).map((file) => {
  const text = readFileSync(path.join(FIXTURES, file), 'utf8');
  return { file, text, event: JSON.parse(text) as EventEnvelope };
});
const invalid: Invalid[] = jsonFiles(INVALID).map((file) => ({ file, ...JSON.parse(readFileSync(path.join(INVALID, file), 'utf8')) }));

/** `publishing.share` -> `shareId`: the data field holding the aggregate id, i.e. the Kafka key. */
const aggregateIdField = (type: string) => `${type.split('.')[1].replace(/-(\w)/g, (_, c: string) => c.toUpperCase())}Id`;

describe('golden fixtures', () => {
  it('exist for every version of every event type, and only for those', () => {
    const expected = Object.values(EVENTS)
      .flatMap((d) => Object.keys(d.versions).map((v) => `${d.type}.v${v}.json`))
      .sort();
    expect(golden.map((g) => g.file)).toEqual(expected);
  });

  describe.each(golden)('$file', ({ file, text, event }) => {
    it('is named after the type and version it contains', () => {
      expect(file).toBe(`${event.type}.v${event.version}.json`);
    });

    it('parses', () => {
      expect(() => parseEventJson(text)).not.toThrow();
      const parsed = parseEvent(event);
      expect(parsed.type).toBe(event.type);
      expect(parsed.version).toBe(EVENTS[event.type as EventType].latest);
    });

    it('is keyed by its aggregate id', () => {
      const data = event.data as Record<string, unknown>;
      expect(event.aggregateId).toBe(data[aggregateIdField(event.type)]);
    });

    it('fills every field, so every field schema is exercised by a real value', () => {
      const nulls = Object.entries(event.data as Record<string, unknown>).filter(([, value]) => value === null);
      expect(nulls.map(([key]) => key)).toEqual([]);
    });

    it('is rejected with one field more: the schema is strict', () => {
      const extended = { ...event, data: { ...(event.data as object), unexpected: true } };
      expect(violationOf(() => parseEvent(extended)).message).toContain('Unrecognized key: "unexpected"');
    });

    it('is rejected with any one top-level data field missing, except those added in place with a default', () => {
      const added = ADDED_IN_PLACE[event.type] ?? {};
      for (const key of Object.keys(event.data as object)) {
        const { [key]: _removed, ...rest } = event.data as Record<string, unknown>;
        if (key in added) expect((parseEvent({ ...event, data: rest }).data as Record<string, unknown>)[key]).toEqual(added[key]);
        else expect(violationOf(() => parseEvent({ ...event, data: rest })).message).toContain(`${key}: Invalid input`);
      }
    });
  });

  // Only the latest version can be written; older fixtures prove they still parse (and upcast) above.
  describe.each(golden.filter((g) => g.event.version === EVENTS[g.event.type as EventType].latest))('$file round trip', ({ event }) => {
    it('createEvent -> JSON -> parseEventJson gives the fixture back', () => {
      const type = event.type as EventType;
      const created = createEvent(type, event.data as EventDataMap[typeof type], {
        id: event.id,
        aggregateId: event.aggregateId,
        correlationId: event.correlationId,
        causationId: event.causationId,
        occurredAt: new Date(event.occurredAt),
      });
      expect(created).toEqual(event);
      const wire = JSON.stringify(created);
      expect(parseEventJson(wire)).toEqual(created);
      expect(JSON.parse(wire)).toEqual(event);
    });
  });
});

describe('invalid fixtures', () => {
  it('cover the defects every consumer must reject', () => {
    expect(invalid.map((i) => i.file)).toEqual(
      expect.arrayContaining(['missing-field.json', 'wrong-type.json', 'unknown-version.json', 'unknown-type.json', 'extra-data-field.json', 'sender-name-crlf.json', 'malformed-json.json']),
    );
  });

  describe.each(invalid)('$file', (fixture) => {
    it('states its reason and the errors it expects', () => {
      expect(fixture.reason).toEqual(expect.any(String));
      expect(fixture.expectedErrors.length).toBeGreaterThan(0);
      expect((fixture.text === undefined) !== (fixture.event === undefined)).toBe(true);
    });

    it('is rejected with a ContractViolation naming the problem', () => {
      const text = fixture.text ?? JSON.stringify(fixture.event);
      const violation = violationOf(() => parseEventJson(text));
      for (const expected of fixture.expectedErrors) expect(violation.message).toContain(expected);
      // One defect per fixture, so the fixture proves exactly the rule its reason states.
      expect(violation.issues.length).toBeLessThanOrEqual(1);
    });

    if (fixture.event !== undefined) {
      it('is rejected when handed over already parsed, too', () => {
        expect(violationOf(() => parseEvent(fixture.event)).message).toContain(fixture.expectedErrors[0]);
      });
    }
  });
});
