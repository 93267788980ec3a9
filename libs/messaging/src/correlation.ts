import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';

/** A W3C Trace Context position: the trace, and the span of the work being done now. */
export interface TraceContext {
  /** 32 lowercase hex digits, never all zeros. */
  traceId: string;
  /** 16 lowercase hex digits, never all zeros: this process's span (a request, one consumed event). */
  spanId: string;
  /** The span that caused this one (the producer's, or the caller's), when there was one. */
  parentSpanId?: string;
}

export interface CorrelationContext {
  correlationId: string;
  /** The event (or request) being handled: the cause of whatever is produced now. */
  causationId: string | null;
  /** Where this work sits in its trace; carried to the events produced now in the `traceparent` header. */
  trace?: TraceContext;
}

const storage = new AsyncLocalStorage<CorrelationContext>();

/** Runs `fn` with a correlation id that logs and new events pick up (set per HTTP request and per consumed event). */
export function runWithCorrelation<T>(context: CorrelationContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentCorrelation(): CorrelationContext | undefined {
  return storage.getStore();
}

export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}

/* ------------------------------------------------------------------ W3C traceparent */

/** The Kafka header (and HTTP header) that carries the trace: `00-<trace-id>-<parent-id>-<flags>`. */
export const TRACEPARENT = 'traceparent';

const HEX_TRACE = /^[0-9a-f]{32}$/;
const HEX_SPAN = /^[0-9a-f]{16}$/;
const ZEROS_TRACE = '0'.repeat(32);
const ZEROS_SPAN = '0'.repeat(16);

/**
 * The trace and parent span of a `traceparent` value, or null when it is absent or malformed (then a new trace
 * starts, as the W3C recommendation says). Version 00 must have exactly four fields; a later version is read by its
 * first four (forward compatibility); version ff is invalid.
 */
export function parseTraceparent(value: unknown): { traceId: string; parentSpanId: string } | null {
  if (typeof value !== 'string' || value.length > 512) return null;
  const fields = value.trim().split('-');
  if (fields.length < 4) return null;
  const [version, traceId, parentSpanId, flags] = fields;
  if (!/^[0-9a-f]{2}$/.test(version) || version === 'ff') return null;
  if (version === '00' && fields.length !== 4) return null;
  if (!HEX_TRACE.test(traceId) || traceId === ZEROS_TRACE) return null;
  if (!HEX_SPAN.test(parentSpanId) || parentSpanId === ZEROS_SPAN) return null;
  if (!/^[0-9a-f]{2}$/.test(flags)) return null;
  return { traceId, parentSpanId };
}

/** `00-<trace>-<span>-01`: this span as the parent of whatever receives the header (sampled). */
export function formatTraceparent(trace: Pick<TraceContext, 'traceId' | 'spanId'>): string {
  return `00-${trace.traceId}-${trace.spanId}-01`;
}

/** A new span: in the trace of `traceparent` when it holds a valid one, else the first span of a new trace. */
export function continueTrace(traceparent: unknown): TraceContext {
  const parent = parseTraceparent(traceparent);
  return parent ? { traceId: parent.traceId, spanId: newSpanId(), parentSpanId: parent.parentSpanId } : { traceId: newId(16, ZEROS_TRACE), spanId: newSpanId() };
}

function newSpanId(): string {
  return newId(8, ZEROS_SPAN);
}

/**
 * Random bytes are drawn 4 KiB at a time: one `randomBytes` call per id cost a quarter of a busy HTTP
 * process's time (every request logs a new span id). Each id still takes bytes no other id has had.
 */
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let poolOffset = 0;

function newId(bytes: number, zeros: string): string {
  for (;;) {
    if (poolOffset + bytes > pool.length) {
      pool = randomBytes(POOL_BYTES);
      poolOffset = 0;
    }
    const id = pool.toString('hex', poolOffset, poolOffset + bytes);
    poolOffset += bytes;
    if (id !== zeros) return id;
  }
}
