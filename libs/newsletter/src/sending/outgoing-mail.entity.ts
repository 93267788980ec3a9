import { Column, Entity, PrimaryColumn } from 'typeorm';

export const MAIL_KINDS = ['confirmation', 'alert', 'digest', 'share'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/** See CONTEXT.md: `sent` means accepted by the SMTP server (or written to a file), not delivered. */
export const MAIL_STATUSES = ['queued', 'sending', 'sent', 'failed', 'bounced', 'cancelled'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/**
 * One email to send (`newsletter.outgoing_mail`), written in the transaction of the fact that causes it
 * and sent after commit by the MailSender. `dedupe_key` makes the fact's second delivery a no-op.
 */
@Entity({ name: 'outgoing_mail' })
export class OutgoingMail {
  @PrimaryColumn('uuid')
  id: string;

  /** `confirmation:<subscriberId>:<requestId>`, `alert:<articleId>:<subscriberId>`, `share:<shareId>`. */
  @Column('text', { name: 'dedupe_key' })
  dedupeKey: string;

  @Column('text')
  kind: MailKind;

  @Column('text')
  recipient: string;

  /** Set on mail to a subscriber: whose unsubscribe link it carries, and (later) whose bounces these are. */
  @Column('uuid', { name: 'subscriber_id', nullable: true })
  subscriberId: string | null;

  @Column('text')
  subject: string;

  @Column('text', { name: 'text_body' })
  textBody: string;

  @Column('text', { name: 'html_body' })
  htmlBody: string;

  /** Extra headers, wire-ready (printable ASCII): List-Unsubscribe, List-Unsubscribe-Post, List-Id. */
  @Column('jsonb')
  headers: Record<string, string>;

  @Column('text')
  status: MailStatus;

  @Column('integer')
  attempts: number;

  @Column('timestamptz', { name: 'next_attempt_at' })
  nextAttemptAt: Date;

  /** When the current `sending` attempt began. */
  @Column('timestamptz', { name: 'claimed_at', nullable: true })
  claimedAt: Date | null;

  @Column('text', { name: 'last_error', nullable: true })
  lastError: string | null;

  /** The Message-ID header, `<id@host-of-PUBLIC_URL>`. */
  @Column('text', { name: 'message_id', nullable: true })
  messageId: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'sent_at', nullable: true })
  sentAt: Date | null;

  /** The alert or digest this email belongs to; at most one email per (mailing, subscriber). */
  @Column('uuid', { name: 'mailing_id', nullable: true })
  mailingId: string | null;

  /** The articles it announces (one for an alert or a share, several for a digest): what a withdrawal cancels. */
  @Column('uuid', { name: 'article_ids', array: true })
  articleIds: string[];
}
