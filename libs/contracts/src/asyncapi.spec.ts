// The committed asyncapi.yaml must describe the code's catalogue. When this fails: `npm run contracts:asyncapi`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'yaml';
import { z } from 'zod';
import { buildAsyncApiDocument } from './asyncapi';
import { renderAsyncApiYaml } from './asyncapi.cli';
import { EVENTS, TOPICS } from './catalogue';
import { envelopeSchema } from './envelope';

const FILE = path.join(__dirname, '..', 'asyncapi.yaml');
const REGENERATE = 'libs/contracts/asyncapi.yaml is out of date with libs/contracts/src: run `npm run contracts:asyncapi` and commit the result';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** Resolves a local `$ref` (`#/a/b~1c`), or returns undefined. */
function resolve(doc: Json, pointer: unknown): Json {
  if (typeof pointer !== 'string' || !pointer.startsWith('#/')) return undefined;
  return pointer
    .slice(2)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((node: Json, key) => (node && typeof node === 'object' ? node[key] : undefined), doc);
}

function refsIn(node: Json, at = '#'): Array<{ at: string; ref: unknown }> {
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) => (key === '$ref' ? [{ at, ref: value }] : refsIn(value, `${at}/${key}`)));
}

/** Where two JSON values first differ, for a readable failure. */
function firstDifference(actual: Json, expected: Json, at = ''): string | null {
  if (isDeepStrictEqual(actual, expected)) return null;
  if (actual && expected && typeof actual === 'object' && typeof expected === 'object' && Array.isArray(actual) === Array.isArray(expected)) {
    for (const key of new Set([...Object.keys(actual), ...Object.keys(expected)])) {
      const found = firstDifference(actual[key], expected[key], `${at}/${key}`);
      if (found) return found;
    }
  }
  return `${at || '/'}: file has ${JSON.stringify(actual)?.slice(0, 200)}, code gives ${JSON.stringify(expected)?.slice(0, 200)}`;
}

const versionsOf = (type: keyof typeof EVENTS) => Object.keys(EVENTS[type].versions).map(Number);
const payloadSchemaOf = (schema: z.ZodType) => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-7' }) as Record<string, unknown>;
  return rest;
};

/** Everything in `doc` that disagrees with the catalogue and the zod schemas; empty when in sync. */
function driftOf(doc: Json): string[] {
  const problems: string[] = [];
  const expect = (ok: unknown, problem: string) => {
    if (!ok) problems.push(problem);
  };
  const same = (what: string, actual: Json, expected: Json) => {
    const difference = firstDifference(actual, expected);
    if (difference) problems.push(`${what} differ(s) at ${difference}`);
  };
  const sameSet = (what: string, actual: string[], expected: string[]) => {
    const missing = expected.filter((x) => !actual.includes(x));
    const extra = actual.filter((x) => !expected.includes(x));
    if (missing.length || extra.length) problems.push(`${what}: missing from the file ${JSON.stringify(missing)}, not in the code ${JSON.stringify(extra)}`);
  };

  // AsyncAPI 3.0 shape
  expect(doc?.asyncapi === '3.0.0', `asyncapi is ${JSON.stringify(doc?.asyncapi)}, expected '3.0.0'`);
  expect(typeof doc?.info?.title === 'string' && typeof doc?.info?.version === 'string', 'info needs a title and a version');
  const servers = Object.values<Json>(doc?.servers ?? {});
  expect(servers.some((s) => s.host === '127.0.0.1:9092' && s.protocol === 'kafka'), 'no kafka server at 127.0.0.1:9092');
  const channels: Record<string, Json> = doc?.channels ?? {};
  const operations: Record<string, Json> = doc?.operations ?? {};
  for (const { at, ref } of refsIn(doc)) expect(resolve(doc, ref) !== undefined, `${at}: $ref ${JSON.stringify(ref)} resolves to nothing`);

  // topics
  sameSet('topics (channels)', Object.keys(channels), TOPICS.map((t) => t.name));
  for (const topic of TOPICS) {
    const channel = channels[topic.name];
    if (!channel) continue;
    expect(channel.address === topic.name, `channel ${topic.name} has address ${JSON.stringify(channel.address)}`);
    const expectedMessages = topic.events.flatMap((type) => versionsOf(type).map((v) => `${type}.v${v}`));
    sameSet(`messages of channel ${topic.name} (event types and versions)`, Object.keys(channel.messages ?? {}), expectedMessages);
    for (const [id, reference] of Object.entries<Json>(channel.messages ?? {})) {
      const message = resolve(doc, reference?.$ref);
      if (!message) continue;
      const [type, version] = [id.replace(/\.v\d+$/, ''), Number(id.replace(/^.*\.v/, ''))];
      expect(message.name === type, `message ${id} is named ${JSON.stringify(message.name)}`);
      const envelopePart = message.payload?.allOf?.[1]?.properties;
      expect(envelopePart?.type?.const === type && envelopePart?.version?.const === version, `message ${id} does not pin type ${type} and version ${version}`);
      expect(message.bindings?.kafka?.key, `message ${id} does not describe its Kafka key`);
      if (type in EVENTS && versionsOf(type as keyof typeof EVENTS).includes(version)) {
        const schema = EVENTS[type as keyof typeof EVENTS].versions[version].schema;
        same(`payload schema of ${id} (data)`, resolve(doc, envelopePart?.data?.$ref), payloadSchemaOf(schema));
        same(`envelope schema of ${id}`, resolve(doc, message.payload?.allOf?.[0]?.$ref), payloadSchemaOf(envelopeSchema));
      }
    }
  }

  // producers and consumers, as operations: `<producer>.send.<aggregate>` and `<consumer>.receive.<topic>`
  const described = Object.entries(operations).map(([id, op]) => {
    expect(op?.action === 'send' || op?.action === 'receive', `operation ${id} has action ${JSON.stringify(op?.action)}`);
    const ref = op?.channel?.$ref;
    expect(typeof ref === 'string' && ref.startsWith('#/channels/'), `operation ${id} does not reference a channel with $ref`);
    return `${op?.action} ${resolve(doc, ref)?.address} as ${id}`;
  });
  const expected = TOPICS.flatMap((t) => [
    `send ${t.name} as ${t.producer}.send.${t.name.split('.')[1]}`,
    ...t.consumers.map((c) => `receive ${t.name} as ${c}.receive.${t.name}`),
  ]);
  sameSet('producers and consumers (operations)', described, expected);
  for (const topic of TOPICS) {
    const latest = topic.events.map((type) => `#/channels/${topic.name}/messages/${type}.v${EVENTS[type].latest}`);
    const all = topic.events.flatMap((type) => versionsOf(type).map((v) => `#/channels/${topic.name}/messages/${type}.v${v}`));
    const send = operations[`${topic.producer}.send.${topic.name.split('.')[1]}`];
    if (send) same(`messages sent by ${topic.producer} on ${topic.name} (latest versions)`, (send.messages ?? []).map((m: Json) => m.$ref), latest);
    for (const consumer of topic.consumers) {
      const receive = operations[`${consumer}.receive.${topic.name}`];
      if (receive) same(`messages received by ${consumer} on ${topic.name} (every version)`, (receive.messages ?? []).map((m: Json) => m.$ref), all);
    }
  }
  return problems;
}

const committed: Json = parse(readFileSync(FILE, 'utf8'));
const generated: Json = JSON.parse(JSON.stringify(buildAsyncApiDocument()));
const copy = (): Json => structuredClone(generated);

function expectInSync(problems: string[]): void {
  if (problems.length) throw new Error(`${REGENERATE}:\n  - ${problems.join('\n  - ')}`);
}

describe('asyncapi.yaml', () => {
  it('describes the topics, producers, consumers, event types, versions and schemas of the code', () => {
    expectInSync(driftOf(committed));
  });

  it('is exactly what the generator writes today (descriptions and summaries included)', () => {
    const difference = firstDifference(committed, generated);
    if (difference) throw new Error(`${REGENERATE}:\n  - ${difference}`);
    if (readFileSync(FILE, 'utf8') !== renderAsyncApiYaml()) throw new Error(`${REGENERATE} (same content, different formatting)`);
  });
});

describe('buildAsyncApiDocument', () => {
  it('agrees with the catalogue', () => {
    expect(driftOf(generated)).toEqual([]);
  });

  it('is pure: two calls give equal documents', () => {
    expect(buildAsyncApiDocument()).toEqual(buildAsyncApiDocument());
  });

  it('round-trips through the YAML the CLI writes', () => {
    expect(parse(renderAsyncApiYaml())).toEqual(generated);
  });
});

describe('the drift check fails when it should', () => {
  const failureOf = (doc: Json) => {
    try {
      expectInSync(driftOf(doc));
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('the drift check accepted a document that disagrees with the catalogue');
  };

  it('when a consumer is missing', () => {
    const doc = copy();
    delete doc.operations['newsletter.receive.publishing.share'];
    const message = failureOf(doc);
    expect(message).toContain('npm run contracts:asyncapi');
    expect(message).toContain('producers and consumers');
  });

  it('when the producer changes', () => {
    const doc = copy();
    doc.operations['editorial.send.communique'] = doc.operations['ingestion.send.communique'];
    delete doc.operations['ingestion.send.communique'];
    expect(failureOf(doc)).toContain('editorial.send.communique');
  });

  it('when a topic is added or removed', () => {
    const doc = copy();
    doc.channels['publishing.page'] = { ...doc.channels['publishing.article'], address: 'publishing.page' };
    expect(failureOf(doc)).toContain('topics (channels)');
    const other = copy();
    delete other.channels['publishing.share'];
    expect(failureOf(other)).toContain('publishing.share');
  });

  it('when a payload schema changed in the code but not in the file', () => {
    const doc = copy();
    doc.components.schemas['publishing.share.requested.v1'].required = doc.components.schemas['publishing.share.requested.v1'].required.filter((f: string) => f !== 'note');
    expect(failureOf(doc)).toContain('payload schema of publishing.share.requested.v1');
  });

  it('when a version is missing', () => {
    const doc = copy();
    doc.channels['editorial.article'].messages = {};
    expect(failureOf(doc)).toContain('messages of channel editorial.article');
  });

  it('when an operation does not reference its channel, or a $ref dangles', () => {
    const doc = copy();
    doc.operations['editorial.send.article'].channel = { $ref: '#/channels/editorial.articles' };
    const message = failureOf(doc);
    expect(message).toContain('resolves to nothing');
    const other = copy();
    other.operations['editorial.send.article'].action = 'publish';
    expect(failureOf(other)).toContain('action "publish"');
  });

  it('when it is not AsyncAPI 3.0', () => {
    const doc = copy();
    doc.asyncapi = '2.6.0';
    expect(failureOf(doc)).toContain("expected '3.0.0'");
  });
});
