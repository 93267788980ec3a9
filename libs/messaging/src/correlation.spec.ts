import { continueTrace, formatTraceparent, parseTraceparent } from './correlation';

describe('W3C traceparent', () => {
  const valid = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

  it('reads a valid header and writes it back the same way', () => {
    expect(parseTraceparent(valid)).toEqual({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', parentSpanId: '00f067aa0ba902b7' });
    expect(formatTraceparent({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7' })).toBe(valid);
  });

  it('reads a later version by its first four fields, but not version ff', () => {
    expect(parseTraceparent('01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra')).toEqual({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      parentSpanId: '00f067aa0ba902b7',
    });
    expect(parseTraceparent('ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')).toBeNull();
  });

  it.each([
    ['absent', undefined],
    ['not a string', ['00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01']],
    ['version 00 with a fifth field', `${valid}-x`],
    ['upper-case hex', '00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01'],
    ['all-zero trace id', `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`],
    ['all-zero parent id', `00-4bf92f3577b34da6a3ce929d0e0e4736-${'0'.repeat(16)}-01`],
    ['short trace id', '00-4bf92f3577b34da6a3ce929d0e0e47-00f067aa0ba902b7-01'],
    ['bad flags', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-x1'],
    ['huge', `00-${'a'.repeat(600)}`],
  ])('refuses a header that is %s', (_, value) => {
    expect(parseTraceparent(value)).toBeNull();
  });

  it('continues a trace with a new span, or starts a new trace', () => {
    const next = continueTrace(valid);
    expect(next.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(next.parentSpanId).toBe('00f067aa0ba902b7');
    expect(next.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(next.spanId).not.toBe('00f067aa0ba902b7');

    const fresh = continueTrace('garbage');
    expect(fresh.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(fresh.parentSpanId).toBeUndefined();
    expect(continueTrace(null).traceId).not.toBe(fresh.traceId);
  });

  it('draws every id from fresh random bytes, across the refills of its pool', () => {
    // 2 000 traces take 48 000 bytes: the 4 KiB pool is refilled a dozen times, at odd offsets too.
    const ids = Array.from({ length: 2_000 }, () => continueTrace(undefined)).flatMap(({ traceId, spanId }) => [traceId, spanId]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^(?:[0-9a-f]{16}|[0-9a-f]{32})$/);
    expect(ids).not.toContain('0'.repeat(16));
  });
});
