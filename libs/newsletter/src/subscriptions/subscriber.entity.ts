import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Frequency, SubscriberStatus } from './subscriber';

/** One address and its consent (`newsletter.subscriber`). The address is stored lowercased and is unique. */
@Entity({ name: 'subscriber' })
export class Subscriber {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  email: string;

  @Column('text')
  status: SubscriberStatus;

  /** Where the consent was given: `site form`, `api`. */
  @Column('text', { name: 'consent_source' })
  consentSource: string;

  /** A keyed hash of the requester's IP address (never the address itself). */
  @Column('text', { name: 'consent_ip_hash', nullable: true })
  consentIpHash: string | null;

  /** The latest subscription request (the one the pending confirmation answers). */
  @Column('timestamptz', { name: 'requested_at' })
  requestedAt: Date;

  @Column('timestamptz', { name: 'confirmed_at', nullable: true })
  confirmedAt: Date | null;

  @Column('timestamptz', { name: 'unsubscribed_at', nullable: true })
  unsubscribedAt: Date | null;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;

  /** `immediate` (an alert per article), `daily` or `weekly` (a digest). */
  @Column('text')
  frequency: Frequency;

  /** Section slugs the subscriber wants; empty: every section. */
  @Column('text', { array: true })
  sections: string[];

  /** Only articles in this language (`fr`, `en`…); null: every language. */
  @Column('text', { nullable: true })
  language: string | null;

  /** When a mail server refused the address for good (the address is then suppressed). */
  @Column('timestamptz', { name: 'bounced_at', nullable: true })
  bouncedAt: Date | null;

  /** The end of the period of the last digest queued for this subscriber: the next one starts there. */
  @Column('timestamptz', { name: 'last_digest_at', nullable: true })
  lastDigestAt: Date | null;
}
