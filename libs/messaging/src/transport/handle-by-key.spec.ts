import { handleByKey, Semaphore, type KeyedMessage } from './kafka.transport';

/** A batch of `keys` (one letter a message), offsets from 0. */
const batch = (keys: string): KeyedMessage[] => [...keys].map((key, offset) => ({ offset: String(offset), key: key === '-' ? null : Buffer.from(key) }));
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('handleByKey (the Kafka consumer’s batch)', () => {
  it('handles different keys side by side, up to the limit, and one key strictly in offset order', async () => {
    const started: string[] = [];
    let running = 0;
    let most = 0;
    const handle = async (message: KeyedMessage) => {
      started.push(`${message.key}:${message.offset}`);
      most = Math.max(most, ++running);
      await tick();
      await tick();
      running--;
    };
    const result = await handleByKey(batch('aabcaadbeefa'), { limit: new Semaphore(3), keepGoing: () => true, heartbeat: async () => undefined, handle });

    expect(result.failed).toBe(false);
    expect([...result.done].sort((x, y) => Number(x) - Number(y))).toEqual(Array.from({ length: 12 }, (_, i) => String(i)));
    expect(most).toBe(3);
    const ofKey = (key: string) => started.filter((s) => s.startsWith(`${key}:`));
    expect(ofKey('a')).toEqual(['a:0', 'a:1', 'a:4', 'a:5', 'a:11']);
    expect(ofKey('b')).toEqual(['b:2', 'b:7']);
    expect(ofKey('e')).toEqual(['e:8', 'e:9']);
    // b and c did not wait for the five a's.
    expect(started.indexOf('c:3')).toBeLessThan(started.indexOf('a:4'));
  });

  it('keeps messages without a key in one sequence', async () => {
    const order: string[] = [];
    let running = 0;
    let most = 0;
    const handle = async (message: KeyedMessage) => {
      most = Math.max(most, ++running);
      await tick();
      order.push(message.offset);
      running--;
    };
    await handleByKey(batch('----'), { limit: new Semaphore(4), keepGoing: () => true, heartbeat: async () => undefined, handle });
    expect(order).toEqual(['0', '1', '2', '3']);
    expect(most).toBe(1);
  });

  it('after a failure starts nothing new, never runs the failed key’s later messages, and reports the error', async () => {
    const ran: string[] = [];
    const failure = new Error('database gone');
    const handle = async (message: KeyedMessage) => {
      ran.push(message.offset);
      if (message.offset === '1') throw failure;
      await tick();
    };
    // a:0 and b:1 run together; b:1 fails; b:2 (its key) and the c's (waiting for a slot) never start.
    const result = await handleByKey(batch('abbcc'), { limit: new Semaphore(2), keepGoing: () => true, heartbeat: async () => undefined, handle });

    expect(result).toMatchObject({ failed: true, failure });
    expect(ran).toEqual(['0', '1']);
    expect([...result.done]).toEqual(['0']);
  });

  it('stops starting messages once the consumer stops running or its batch goes stale', async () => {
    let running = true;
    const ran: string[] = [];
    const handle = async (message: KeyedMessage) => {
      ran.push(message.offset);
      if (message.offset === '1') running = false;
      await tick();
    };
    const result = await handleByKey(batch('aaaa'), { limit: new Semaphore(2), keepGoing: () => running, heartbeat: async () => undefined, handle });
    expect(ran).toEqual(['0', '1']);
    expect(result.failed).toBe(false);
    expect([...result.done]).toEqual(['0', '1']);
  });
});
