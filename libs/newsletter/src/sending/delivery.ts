/** How the sender retries: attempts before giving up, and the exponential backoff between them. */
export interface RetryPolicy {
  maxAttempts: number;
  initialBackoffMs: number;
  maxBackoffMs: number;
}

/** 1, 2, 4 ... 32 minutes then an hour: a greylisting server or a mail server down for a while gets about two hours. */
export const DEFAULT_MAIL_RETRY: RetryPolicy = { maxAttempts: 8, initialBackoffMs: 60_000, maxBackoffMs: 60 * 60_000 };

/** The wait after failed attempt number `attempt` (1-based). */
export function backoffMs(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxBackoffMs, policy.initialBackoffMs * 2 ** Math.max(0, attempt - 1));
}

/** Raised for a row that must never be sent as it is (it would be refused every time). */
export class UnsendableMail extends Error {
  override readonly name = 'UnsendableMail';
}

/**
 * Whether trying again later may help. A 5xx reply is the server's final word on this message (unknown
 * mailbox, refused content); a 4xx reply (greylisting, mailbox full, try later), a connection, timeout or
 * DNS failure, and anything unknown are temporary. Authentication failures are temporary too: a wrong
 * SMTP password is the operator's to fix, not a reason to drop the email.
 */
export function isPermanentFailure(error: unknown): boolean {
  if (error instanceof UnsendableMail) return true;
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  if (code === 'EAUTH') return false;
  return typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600;
}

/**
 * What one failed send means for its row (the state machine of `outgoing_mail`, see README):
 * - `outage`: the mail server cannot be reached or is not serving (connection refused or dropped, timeout,
 *   DNS, greeting refused, 421, authentication): nothing is wrong with this email. The row goes back to the
 *   queue without using up an attempt and the sender pauses, so a server down for hours loses nothing.
 * - `bounced`: the server refused the recipient for good (5xx to RCPT TO): the address is suppressed.
 * - `failed`: refused for good for another reason (5xx to the message, an unsendable row).
 * - `retry`: refused for now (4xx: greylisting, mailbox full…): tried again after a backoff, up to the last attempt.
 */
export type FailureKind = 'outage' | 'bounced' | 'failed' | 'retry';

const OUTAGE_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'EAUTH', 'ECONNREFUSED', 'ECONNRESET']);

export function classifyFailure(error: unknown): FailureKind {
  if (error instanceof UnsendableMail) return 'failed';
  const { code, responseCode, command } = (error ?? {}) as { code?: unknown; responseCode?: unknown; command?: unknown };
  if (typeof code === 'string' && OUTAGE_CODES.has(code)) return 'outage';
  if (command === 'CONN' || responseCode === 421) return 'outage';
  // nodemailer's pool, when a connection dropped mid-message.
  if (typeof code !== 'string' && error instanceof Error && /connection was closed/i.test(error.message)) return 'outage';
  if (typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600) return command === 'RCPT TO' ? 'bounced' : 'failed';
  return 'retry';
}

/** One line for `last_error` and the logs, the server's reply included. */
export function describeFailure(error: unknown): string {
  const { message, code, responseCode } = (error ?? {}) as { message?: unknown; code?: unknown; responseCode?: unknown };
  const parts = [typeof code === 'string' ? code : null, typeof responseCode === 'number' ? String(responseCode) : null, typeof message === 'string' ? message : String(error)];
  return parts
    .filter((part): part is string => !!part)
    .join(' ')
    .replace(/\s+/g, ' ')
    .slice(0, 1000);
}
