import { CommandHandler, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock } from '@newsroom/platform';
import type { DataSource, EntityManager } from 'typeorm';
import { recordConsent } from '../consent';
import { resubscribe } from '../subscriber';
import { Subscriber } from '../subscriber.entity';
import { SubscriptionLinks } from '../subscription-links';
import {
  EraseSubscriberCommand,
  ExportSubscriberDataQuery,
  ResubscribeCommand,
  UpdatePreferencesCommand,
  type PreferencesResult,
  type SubscriberExport,
} from './preferences.commands';

/** The subscriber a preferences token names, locked for the change, or null (bad link, gone, another address). */
async function subscriberOf(tx: EntityManager, links: SubscriptionLinks, token: string): Promise<Subscriber | null> {
  const subject = links.readPreferencesToken(token);
  if (!subject) return null;
  const subscriber = await tx.getRepository(Subscriber).findOne({ where: { id: subject.id }, lock: { mode: 'pessimistic_write' } });
  return subscriber && subscriber.email === subject.email ? subscriber : null;
}

/**
 * New preferences, recorded in the consent log. Moving to a digest starts it now (articles already sent as
 * alerts are not sent again); queued alerts of a subscriber who leaves "as published" are cancelled.
 */
@CommandHandler(UpdatePreferencesCommand)
export class UpdatePreferencesHandler implements ICommandHandler<UpdatePreferencesCommand> {
  constructor(
    @InjectDataSource('newsletter') private readonly dataSource: DataSource,
    private readonly links: SubscriptionLinks,
    private readonly clock: Clock,
  ) {}

  async execute({ token, preferences }: UpdatePreferencesCommand): Promise<PreferencesResult> {
    return this.dataSource.transaction(async (tx) => {
      const subscriber = await subscriberOf(tx, this.links, token);
      if (!subscriber) return 'invalid-link';
      const now = this.clock.now();
      const before = { frequency: subscriber.frequency, sections: subscriber.sections, language: subscriber.language };
      if (JSON.stringify(before) === JSON.stringify(preferences)) return 'unchanged';
      if (preferences.frequency !== subscriber.frequency && preferences.frequency !== 'immediate') subscriber.lastDigestAt = now;
      if (preferences.frequency !== 'immediate') {
        await tx.query(
          `UPDATE newsletter.outgoing_mail SET status = 'cancelled', last_error = 'not sent: the subscriber chose a digest' WHERE subscriber_id = $1 AND kind = 'alert' AND status = 'queued'`,
          [subscriber.id],
        );
      }
      Object.assign(subscriber, preferences, { updatedAt: now });
      await tx.getRepository(Subscriber).save(subscriber);
      await recordConsent(tx, { subscriberId: subscriber.id, action: 'preferences', source: 'preferences page', at: now, detail: { ...preferences } });
      return 'done';
    });
  }
}

@CommandHandler(ResubscribeCommand)
export class ResubscribeHandler implements ICommandHandler<ResubscribeCommand> {
  constructor(
    @InjectDataSource('newsletter') private readonly dataSource: DataSource,
    private readonly links: SubscriptionLinks,
    private readonly clock: Clock,
  ) {}

  async execute({ token }: ResubscribeCommand): Promise<PreferencesResult> {
    return this.dataSource.transaction(async (tx) => {
      const subscriber = await subscriberOf(tx, this.links, token);
      if (!subscriber) return 'invalid-link';
      const now = this.clock.now();
      if (!resubscribe(subscriber, now)) return 'unchanged';
      // Digests start again from now, not from before the unsubscription.
      subscriber.lastDigestAt = now;
      await tx.getRepository(Subscriber).save(subscriber);
      await recordConsent(tx, { subscriberId: subscriber.id, action: 'resubscribed', source: 'preferences page', at: now });
      return 'done';
    });
  }
}

@QueryHandler(ExportSubscriberDataQuery)
export class ExportSubscriberDataHandler implements IQueryHandler<ExportSubscriberDataQuery> {
  constructor(
    @InjectDataSource('newsletter') private readonly dataSource: DataSource,
    private readonly links: SubscriptionLinks,
    private readonly clock: Clock,
  ) {}

  async execute({ token }: ExportSubscriberDataQuery): Promise<SubscriberExport | null> {
    return this.dataSource.transaction(async (tx) => {
      const s = await subscriberOf(tx, this.links, token);
      if (!s) return null;
      const iso = (date: Date | null) => (date ? new Date(date).toISOString() : null);
      const consents: { action: string; source: string; at: Date; detail: unknown }[] = await tx.query(
        `SELECT action, source, at, detail FROM newsletter.consent WHERE subscriber_id = $1 ORDER BY at, id`,
        [s.id],
      );
      const emails: { kind: string; subject: string; status: string; created_at: Date; sent_at: Date | null }[] = await tx.query(
        `SELECT kind, subject, status, created_at, sent_at FROM newsletter.outgoing_mail WHERE subscriber_id = $1 OR recipient = $2 ORDER BY created_at, id`,
        [s.id, s.email],
      );
      return {
        exportedAt: this.clock.now().toISOString(),
        subscriber: {
          email: s.email,
          status: s.status,
          frequency: s.frequency,
          sections: s.sections,
          language: s.language,
          consentSource: s.consentSource,
          requestedAt: new Date(s.requestedAt).toISOString(),
          confirmedAt: iso(s.confirmedAt),
          unsubscribedAt: iso(s.unsubscribedAt),
          bouncedAt: iso(s.bouncedAt),
        },
        consents: consents.map((c) => ({ action: c.action, source: c.source, at: new Date(c.at).toISOString(), detail: c.detail })),
        emails: emails.map((e) => ({ kind: e.kind, subject: e.subject, status: e.status, createdAt: new Date(e.created_at).toISOString(), sentAt: iso(e.sent_at) })),
      };
    });
  }
}

/**
 * Erasure: queued mail to the address is cancelled, past mail keeps its counts (for the send's statistics)
 * but loses the address, the bodies and the link to the subscriber; the subscriber row and its consent
 * log are deleted. A suppression (a bounced address) stays, as a keyed hash only.
 */
@CommandHandler(EraseSubscriberCommand)
export class EraseSubscriberHandler implements ICommandHandler<EraseSubscriberCommand> {
  constructor(
    @InjectDataSource('newsletter') private readonly dataSource: DataSource,
    private readonly links: SubscriptionLinks,
  ) {}

  async execute({ token }: EraseSubscriberCommand): Promise<PreferencesResult> {
    return this.dataSource.transaction(async (tx) => {
      const subscriber = await subscriberOf(tx, this.links, token);
      if (!subscriber) return 'invalid-link';
      await tx.query(
        `UPDATE newsletter.outgoing_mail
            SET status = CASE WHEN status IN ('queued', 'sending') THEN 'cancelled' ELSE status END,
                recipient = 'effacé', subscriber_id = NULL, text_body = '', html_body = '', headers = '{}'::jsonb,
                dedupe_key = 'erased:' || id::text
          WHERE subscriber_id = $1 OR recipient = $2`,
        [subscriber.id, subscriber.email],
      );
      await tx.query(`DELETE FROM newsletter.subscriber WHERE id = $1`, [subscriber.id]);
      return 'done';
    });
  }
}
