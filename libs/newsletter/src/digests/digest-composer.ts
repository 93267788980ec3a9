import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, type BaseConfig } from '@newsroom/platform';
import type { DataSource, EntityManager } from 'typeorm';
import { newsletterSiteOf, type NewsletterSite } from '../newsletter-site';
import { checkContent, LARGE_FAN_OUT, MailQueue, markMailQueued, type MailContent } from '../sending/mail-queue';
import { wantsArticle } from '../subscriptions/subscriber';
import { digestMail, type DigestEntry } from './digest-mail';
import { digestScheduleOf, latestDuePeriod, type DigestKind, type DigestPeriod, type DigestSchedule } from './digest-schedule';

/** How far back a digest reaches for a subscriber who never had one (or had one long ago). */
const LOOKBACK_MS = 31 * 24 * 60 * 60_000;
/** Subscribers read and queued per transaction: never all of them in memory. */
const BATCH = 500;

interface Candidate extends DigestEntry {
  id: string;
  sectionSlug: string | null;
  language: string;
  publishedAt: Date;
}

interface DigestSubscriber {
  id: string;
  email: string;
  sections: string[];
  language: string | null;
  last_digest_at: Date | null;
  confirmed_at: Date | null;
}

/**
 * Builds the digests. For the latest due period of each kind, one mailing (`daily-digest:2024-05-02`), then,
 * batch by batch of subscribers (by id), one email per confirmed subscriber of that frequency listing the
 * articles published since their previous digest (or their confirmation) up to the period's end, that
 * match their sections and language, and are not withdrawn. The row and the subscriber's `last_digest_at`
 * are written in one transaction; the unique (mailing, subscriber) and `last_digest_at` make a rebuilt
 * period (a restart mid-build, a second replica) add nothing. The mailing is marked built at the end.
 */
@Injectable()
export class DigestComposer {
  private readonly logger = new Logger(DigestComposer.name);
  private readonly site: NewsletterSite;
  readonly schedule: DigestSchedule;

  constructor(
    @InjectDataSource('newsletter') private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: BaseConfig,
    private readonly mail: MailQueue,
  ) {
    this.site = newsletterSiteOf(config);
    this.schedule = digestScheduleOf(config);
  }

  /** Builds what is due at `now` and not built yet. Returns the number of digests queued per kind. */
  async buildDue(now: Date): Promise<Record<DigestKind, number>> {
    const queued = { 'daily-digest': 0, 'weekly-digest': 0 };
    for (const kind of ['daily-digest', 'weekly-digest'] as const) queued[kind] = await this.build(latestDuePeriod(kind, now, this.schedule));
    return queued;
  }

  async build(period: DigestPeriod): Promise<number> {
    const frequency = period.kind === 'daily-digest' ? 'daily' : 'weekly';
    const mailingId = await this.dataSource.transaction((tx) => this.mail.mailing(tx, { key: period.key, kind: period.kind, subject: period.key, periodEnd: period.end }));
    if (!mailingId) return 0;
    const [{ built_at }]: { built_at: Date | null }[] = await this.dataSource.query(`SELECT built_at FROM newsletter.mailing WHERE id = $1`, [mailingId]);
    if (built_at) return 0;

    const candidates = await this.candidates(this.dataSource.manager, new Date(period.end.getTime() - LOOKBACK_MS), period.end);
    const rendered = new Map<string, MailContent>();
    let after = '00000000-0000-0000-0000-000000000000';
    let queued = 0;
    for (;;) {
      const batch = await this.dataSource.transaction(async (tx) => {
        const subscribers: DigestSubscriber[] = await tx.query(
          `SELECT id, email, sections, language, last_digest_at, confirmed_at FROM newsletter.subscriber
            WHERE status = 'confirmed' AND frequency = $1 AND id > $2 ORDER BY id LIMIT $3 FOR UPDATE`,
          [frequency, after, BATCH],
        );
        for (const subscriber of subscribers) {
          const since = Math.max(subscriber.last_digest_at?.getTime() ?? subscriber.confirmed_at?.getTime() ?? 0, period.end.getTime() - LOOKBACK_MS);
          if (since >= period.end.getTime()) continue;
          const articles = candidates.filter((a) => a.publishedAt.getTime() > since && wantsArticle(subscriber, a));
          if (articles.length === 0) continue;
          const ids = articles.map((a) => a.id);
          const cacheKey = ids.join(',');
          let content = rendered.get(cacheKey);
          if (!content) {
            content = digestMail(articles, this.site, period);
            checkContent(content);
            if (rendered.size < 1000) rendered.set(cacheKey, content);
          }
          const added = await this.mail.add(tx, {
            dedupeKey: `digest:${period.key}:${subscriber.id}`,
            kind: 'digest',
            recipient: subscriber.email,
            subscriberId: subscriber.id,
            mailingId,
            articleIds: ids,
            ...content,
          });
          if (added) {
            await tx.query(`UPDATE newsletter.subscriber SET last_digest_at = $2 WHERE id = $1`, [subscriber.id, period.end]);
            queued++;
          }
        }
        return subscribers;
      });
      if (batch.length === 0) break;
      after = batch[batch.length - 1].id;
      if (batch.length < BATCH) break;
    }
    await this.dataSource.query(`UPDATE newsletter.mailing SET built_at = now(), subject = $2 WHERE id = $1`, [mailingId, `${period.kind} ${period.localDate}`]);
    if (queued >= LARGE_FAN_OUT) await this.dataSource.query(`ANALYZE newsletter.outgoing_mail`);
    if (queued) this.logger.log({ mailing: period.key, queued }, `${queued} ${period.kind}(s) queued for ${period.localDate}`);
    return queued;
  }

  /**
   * A withdrawn article leaves the digests still queued: each group of rows listing the same articles is
   * written again without it (one UPDATE per group), or cancelled when it was their only article.
   */
  async dropArticleFromQueuedDigests(tx: EntityManager, articleId: string): Promise<{ rewritten: number; cancelledDigests: number }> {
    const groups: { article_ids: string[]; kind: DigestKind; period_end: Date; key: string }[] = await tx.query(
      `SELECT DISTINCT m.article_ids, g.kind, g.period_end, g.key
         FROM newsletter.outgoing_mail m JOIN newsletter.mailing g ON g.id = m.mailing_id
        WHERE m.status = 'queued' AND m.kind = 'digest' AND m.article_ids @> ARRAY[$1::uuid]`,
      [articleId],
    );
    let rewritten = 0;
    let cancelledDigests = 0;
    for (const group of groups) {
      const remaining = group.article_ids.filter((id) => id !== articleId);
      const articles = remaining.length ? await this.articles(tx, remaining) : [];
      if (articles.length === 0) {
        const [rows]: [unknown[], number] = await tx.query(
          `UPDATE newsletter.outgoing_mail SET status = 'cancelled', last_error = 'not sent: its articles were withdrawn'
            WHERE status = 'queued' AND kind = 'digest' AND article_ids = $1::uuid[] RETURNING id`,
          [group.article_ids],
        );
        cancelledDigests += rows.length;
        continue;
      }
      const localDate = group.key.slice(group.key.indexOf(':') + 1);
      const content = digestMail(articles, this.site, { kind: group.kind, localDate });
      const [rows]: [unknown[], number] = await tx.query(
        `UPDATE newsletter.outgoing_mail SET article_ids = $2::uuid[], subject = $3, text_body = $4, html_body = $5
          WHERE status = 'queued' AND kind = 'digest' AND article_ids = $1::uuid[] RETURNING id`,
        [group.article_ids, articles.map((a) => a.id), content.subject, content.textBody, content.htmlBody],
      );
      rewritten += rows.length;
    }
    if (groups.length) markMailQueued(tx);
    return { rewritten, cancelledDigests };
  }

  /** Published, not withdrawn, in (from, to], newest first, with their section's slug. */
  private async candidates(manager: EntityManager, from: Date, to: Date): Promise<Candidate[]> {
    return this.select(manager, `a.published_at > $1 AND a.published_at <= $2`, [from, to]);
  }

  private async articles(manager: EntityManager, ids: string[]): Promise<Candidate[]> {
    return this.select(manager, `a.id = ANY ($1::uuid[])`, [ids]);
  }

  private async select(manager: EntityManager, where: string, params: unknown[]): Promise<Candidate[]> {
    const rows: {
      id: string;
      title: string;
      summary: string;
      url: string;
      section: string | null;
      section_slug: string | null;
      language: string;
      published_on: string | Date;
      published_at: Date;
    }[] = await manager.query(
      `SELECT a.id, a.title, a.summary, a.url, a.section, a.language, to_char(a.published_on, 'YYYY-MM-DD') AS published_on, a.published_at,
              (SELECT s.slug FROM newsletter.site_section s
                WHERE lower(s.name) = lower(a.section) OR lower(a.section) = ANY (SELECT lower(x) FROM unnest(s.aliases) AS x)
                ORDER BY s.position LIMIT 1) AS section_slug
         FROM newsletter.article a
        WHERE a.withdrawn_at IS NULL AND ${where}
        ORDER BY a.published_at DESC, a.id`,
      params,
    );
    return rows.map((row) => ({
      id: row.id,
      title: row.title,
      summary: row.summary,
      url: row.url,
      section: row.section,
      sectionSlug: row.section_slug,
      language: row.language,
      publishedOn: String(row.published_on),
      publishedAt: new Date(row.published_at),
    }));
  }
}
