import { Counter, Gauge, Histogram, register } from 'prom-client';

/**
 * The event backbone's Prometheus metrics, on prom-client's default registry (which `/metrics` serves, with the
 * process's own and the HTTP metrics). `service` is the service's schema (ingestion, editorial, ...): in the standalone
 * process the four services share one registry and are told apart by it.
 */
export const messagingMetrics = {
  produced: new Counter({
    name: 'newsroom_events_produced_total',
    help: 'Events published by the outbox relay, per service and topic.',
    labelNames: ['service', 'topic'] as const,
  }),
  consumed: new Counter({
    name: 'newsroom_events_consumed_total',
    help: 'Messages consumed, per service, topic and outcome (handled, duplicate, ignored, parked).',
    labelNames: ['service', 'topic', 'outcome'] as const,
  }),
  failed: new Counter({
    name: 'newsroom_event_handler_failures_total',
    help: 'Failed handler attempts (each retry counts), per service and topic.',
    labelNames: ['service', 'topic'] as const,
  }),
  handlerDuration: new Histogram({
    name: 'newsroom_event_handler_duration_seconds',
    help: 'Time to handle one consumed event (inbox transaction, handlers, retries), per service and topic.',
    labelNames: ['service', 'topic'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  }),
};

/** What a hosted service reports when Prometheus scrapes: read from its own tables and the broker. */
export interface ServiceProbe {
  service: string;
  /** Outbox rows not yet published, and the age in seconds of the oldest (0 when none). */
  outbox(): Promise<{ backlog: number; oldestAgeSeconds: number }>;
  /** Open dead letters. */
  openDeadLetters(): Promise<number>;
  /** Messages behind the end of each partition for the service's consumer group (none with the local delivery). */
  lag(): Promise<{ topic: string; partition: number; lag: number }[]>;
}

const probes = new Map<string, ServiceProbe>();

/** Adds (or replaces) the probe of a service this process hosts; returns its removal. */
export function registerServiceProbe(probe: ServiceProbe): () => void {
  probes.set(probe.service, probe);
  return () => {
    if (probes.get(probe.service) === probe) probes.delete(probe.service);
  };
}

/** One probe failing (its database down) must not hide the others' figures: it is reported as a scrape error. */
async function eachProbe(read: (probe: ServiceProbe) => Promise<void>): Promise<void> {
  await Promise.all(
    [...probes.values()].map((probe) =>
      read(probe).catch(() => {
        probeErrors.inc({ service: probe.service });
      }),
    ),
  );
}

const probeErrors = new Counter({
  name: 'newsroom_metrics_probe_errors_total',
  help: 'Scrapes where a service could not read its outbox, dead letters or lag (its database or broker unreachable).',
  labelNames: ['service'] as const,
});

/** A gauge with one value per hosted service, read from its probe at each scrape. */
function serviceGauge(name: string, help: string, read: (probe: ServiceProbe) => Promise<number>): void {
  new Gauge({
    name,
    help,
    labelNames: ['service'] as const,
    async collect() {
      this.reset();
      await eachProbe(async (probe) => this.set({ service: probe.service }, await read(probe)));
    },
  });
}

/** One outbox query per service and scrape, read by both outbox gauges (collected one after the other). */
const outboxReads = new WeakMap<ServiceProbe, { at: number; read: ReturnType<ServiceProbe['outbox']> }>();
function outboxOf(probe: ServiceProbe): ReturnType<ServiceProbe['outbox']> {
  const last = outboxReads.get(probe);
  if (last && performance.now() - last.at < 1_000) return last.read;
  const read = probe.outbox();
  outboxReads.set(probe, { at: performance.now(), read });
  return read;
}

serviceGauge('newsroom_outbox_backlog', 'Outbox rows committed but not yet published, per service.', async (probe) => (await outboxOf(probe)).backlog);
serviceGauge(
  'newsroom_outbox_oldest_age_seconds',
  'Age of the oldest unpublished outbox row, per service (0 when the outbox is empty).',
  async (probe) => (await outboxOf(probe)).oldestAgeSeconds,
);
serviceGauge('newsroom_dead_letters_open', 'Dead letters not yet replayed, per service.', (probe) => probe.openDeadLetters());

new Gauge({
  name: 'newsroom_consumer_lag',
  help: 'Messages between the consumer group’s committed offset and the end of the partition, per service, topic and partition.',
  labelNames: ['service', 'topic', 'partition'] as const,
  async collect() {
    this.reset();
    await eachProbe(async (probe) => {
      for (const { topic, partition, lag } of await probe.lag()) this.set({ service: probe.service, topic, partition: String(partition) }, lag);
    });
  },
});

/** The text Prometheus scrapes, and its content type. */
export async function metricsText(): Promise<{ contentType: string; body: string }> {
  return { contentType: register.contentType, body: await register.metrics() };
}
