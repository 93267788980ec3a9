import { backoffMs, classifyFailure, DEFAULT_MAIL_RETRY, describeFailure, isPermanentFailure, UnsendableMail } from './delivery';

const smtp = (responseCode: number, code = 'EENVELOPE') => Object.assign(new Error('refused'), { code, responseCode });

describe('delivery failures', () => {
  it('gives up on a 5xx reply and on an unsendable row', () => {
    expect(isPermanentFailure(smtp(550))).toBe(true);
    expect(isPermanentFailure(smtp(554, 'EMESSAGE'))).toBe(true);
    expect(isPermanentFailure(new UnsendableMail('line break'))).toBe(true);
  });

  it('tries again after a 4xx, a connection or DNS failure, an authentication failure, or anything unknown', () => {
    expect(isPermanentFailure(smtp(450))).toBe(false);
    expect(isPermanentFailure(smtp(421, 'EPROTOCOL'))).toBe(false);
    expect(isPermanentFailure(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNECTION' }))).toBe(false);
    expect(isPermanentFailure(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'EDNS' }))).toBe(false);
    expect(isPermanentFailure(smtp(535, 'EAUTH'))).toBe(false);
    expect(isPermanentFailure(new Error('?'))).toBe(false);
    expect(isPermanentFailure(undefined)).toBe(false);
  });

  it('backs off exponentially, up to a ceiling: about two hours over eight attempts by default', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((attempt) => backoffMs(DEFAULT_MAIL_RETRY, attempt) / 60_000)).toEqual([1, 2, 4, 8, 16, 32, 60]);
    expect(DEFAULT_MAIL_RETRY.maxAttempts).toBe(8);
  });

  it('describes a failure on one line, the server’s reply included', () => {
    expect(describeFailure(Object.assign(new Error('Can’t send mail\r\n450 greylisted'), { code: 'EENVELOPE', responseCode: 450 }))).toBe(
      'EENVELOPE 450 Can’t send mail 450 greylisted',
    );
    expect(describeFailure('boom')).toBe('boom');
  });
});

describe('classifyFailure', () => {
  const err = (fields: Record<string, unknown>) => Object.assign(new Error('x'), fields);

  it('sees a server that is down or not serving as an outage, whatever the email', () => {
    for (const code of ['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'EAUTH']) expect(classifyFailure(err({ code }))).toBe('outage');
    expect(classifyFailure(err({ code: 'EPROTOCOL', command: 'CONN', responseCode: 554 }))).toBe('outage');
    expect(classifyFailure(err({ code: 'EENVELOPE', responseCode: 421, command: 'RCPT TO' }))).toBe('outage');
    expect(classifyFailure(new Error('Reached maximum number of retries after connection was closed'))).toBe('outage');
  });

  it('bounces a recipient refused for good, fails a message refused for good', () => {
    expect(classifyFailure(err({ code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO' }))).toBe('bounced');
    expect(classifyFailure(err({ code: 'EMESSAGE', responseCode: 554, command: 'DATA' }))).toBe('failed');
    expect(classifyFailure(err({ code: 'EENVELOPE', responseCode: 553, command: 'MAIL FROM' }))).toBe('failed');
    expect(classifyFailure(new UnsendableMail('line break'))).toBe('failed');
  });

  it('retries a refusal for now', () => {
    expect(classifyFailure(err({ code: 'EENVELOPE', responseCode: 450, command: 'RCPT TO' }))).toBe('retry');
    expect(classifyFailure(new Error('?'))).toBe('retry');
  });
});
