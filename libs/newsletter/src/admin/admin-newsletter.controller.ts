import { Controller, ForbiddenException, Get, Inject, NotFoundException, Param, Post, Query, Req, Res, UnauthorizedException, UploadedFile, UseFilters, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  APP_CONFIG,
  Authenticated,
  cookieValue,
  csrfTokenFor,
  CurrentActor,
  readSessionToken,
  roleAtLeast,
  sameString,
  SESSION_COOKIE,
  type Actor,
  type BaseConfig,
} from '@newsroom/platform';
import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { addressesOfCsv } from './address-csv';
import { AdminErrorFilter } from './admin-error.filter';
import { sendAdminPage } from './admin-http';
import { importFormPage, importPage, mailingPage, mailingsPage, subscribersPage, type MailingProgress, type SubscriberRow } from './admin-pages';
import { SubscriberImporter } from './subscriber-importer';

const PAGE_SIZE = 50;

/** The file part of the upload, as multer gives it (memory storage). */
interface UploadedCsv {
  buffer: Buffer;
  originalname: string;
}
const idParams = z.object({ id: z.uuid() });
const listQuery = z.object({ q: z.string().trim().max(254).optional().default(''), page: z.coerce.number().int().min(1).max(100_000).optional().default(1) });

/**
 * The newsletter's admin (administrators only, the editorial session cookie): the sends with their progress
 * (queued, sent, failed, bounced) refreshing as they go, the subscribers (search, pages), and CSV imports
 * with their progress. Served by the newsletter service under /admin/newsletter (the reverse proxy routes it).
 */
@ApiExcludeController()
@UseFilters(AdminErrorFilter)
@Controller('admin/newsletter')
export class AdminNewsletterController {
  constructor(
    @InjectDataSource('newsletter') private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: BaseConfig,
    private readonly importer: SubscriberImporter,
  ) {}

  @Get()
  @Authenticated('admin')
  async mailings(@CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    const counts: { status: string; n: number }[] = await this.dataSource.query(`SELECT status, count(*)::int AS n FROM newsletter.subscriber GROUP BY status`);
    const mailings = await this.progress(null, 30);
    sendAdminPage(res, 200, mailingsPage(this.config.SITE_NAME, actor, mailings, Object.fromEntries(counts.map((row) => [row.status, row.n]))));
  }

  @Get('mailings/:id')
  @Authenticated('admin')
  async mailing(@Param() params: unknown, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    sendAdminPage(res, 200, mailingPage(this.config.SITE_NAME, actor, await this.oneMailing(params)));
  }

  /** The same figures for a script or a monitor: { queued, sending, sent, failed, bounced, cancelled, total }. */
  @Get('mailings/:id/progress.json')
  @Authenticated('admin')
  async mailingJson(@Param() params: unknown, @Res() res: Response): Promise<void> {
    const m = await this.oneMailing(params);
    res
      .set('Cache-Control', 'no-store')
      .json({ id: m.id, key: m.key, subject: m.subject, total: m.total, queued: m.queued, sending: m.sending, sent: m.sent, failed: m.failed, bounced: m.bounced, cancelled: m.cancelledMails });
  }

  @Get('subscribers')
  @Authenticated('admin')
  async subscribers(@Query() query: unknown, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    const { q, page } = listQuery.safeParse(query).data ?? { q: '', page: 1 };
    const pattern = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const [{ total }]: { total: number }[] = await this.dataSource.query(`SELECT count(*)::int AS total FROM newsletter.subscriber WHERE email LIKE $1`, [pattern]);
    const rows: { email: string; status: string; frequency: string; consent_source: string; requested_at: Date; confirmed_at: Date | null }[] = await this.dataSource.query(
      `SELECT email, status, frequency, consent_source, requested_at, confirmed_at FROM newsletter.subscriber WHERE email LIKE $1 ORDER BY email LIMIT $2 OFFSET $3`,
      [pattern, PAGE_SIZE, (page - 1) * PAGE_SIZE],
    );
    const view: SubscriberRow[] = rows.map((row) => ({
      email: row.email,
      status: row.status,
      frequency: row.frequency,
      consentSource: row.consent_source,
      requestedAt: row.requested_at,
      confirmedAt: row.confirmed_at,
    }));
    sendAdminPage(res, 200, subscribersPage(this.config.SITE_NAME, actor, { query: q, page, pageCount: Math.ceil(total / PAGE_SIZE), total, rows: view }));
  }

  @Get('import')
  @Authenticated('admin')
  importForm(@CurrentActor() actor: Actor, @Res() res: Response): void {
    sendAdminPage(res, 200, importFormPage(this.config.SITE_NAME, actor, csrfTokenFor(this.config.APP_SECRET, actor.sid)));
  }

  /**
   * The upload (multipart): the session and its CSRF token are checked here, once multer has read the form (a
   * guard runs before the body of a multipart request is parsed, so the platform guard cannot see `_csrf`).
   */
  @Post('import')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: 5 * 1024 * 1024, files: 1, fields: 5 } }))
  async import(@UploadedFile() file: UploadedCsv | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    const actor = this.adminWithCsrf(req);
    if (!file) return sendAdminPage(res, 400, importFormPage(this.config.SITE_NAME, actor, csrfTokenFor(this.config.APP_SECRET, actor.sid), 'Choisissez un fichier CSV.'));
    const { addresses, invalid } = addressesOfCsv(file.buffer.toString('utf8'));
    if (addresses.length === 0) {
      return sendAdminPage(res, 400, importFormPage(this.config.SITE_NAME, actor, csrfTokenFor(this.config.APP_SECRET, actor.sid), 'Ce fichier ne contient aucune adresse valable.'));
    }
    const id = await this.importer.start(file.originalname || 'import.csv', addresses, invalid, actor.email);
    res.redirect(303, `/admin/newsletter/imports/${id}`);
  }

  @Get('imports/:id')
  @Authenticated('admin')
  async importProgress(@Param() params: unknown, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    const id = idParams.safeParse(params);
    const job = id.success ? await this.importer.progress(id.data.id) : null;
    if (!job) throw new NotFoundException();
    sendAdminPage(res, 200, importPage(this.config.SITE_NAME, actor, job));
  }

  private adminWithCsrf(req: Request): Actor {
    const actor = readSessionToken(this.config.APP_SECRET, cookieValue(req.headers.cookie, SESSION_COOKIE));
    if (!actor) throw new UnauthorizedException();
    if (!roleAtLeast(actor.role, 'admin')) throw new ForbiddenException();
    const given = (req.body as { _csrf?: unknown } | undefined)?._csrf ?? req.headers['x-csrf-token'];
    if (typeof given !== 'string' || !sameString(given, csrfTokenFor(this.config.APP_SECRET, actor.sid))) throw new ForbiddenException();
    return actor;
  }

  private async oneMailing(params: unknown): Promise<MailingProgress> {
    const id = idParams.safeParse(params);
    const [mailing] = id.success ? await this.progress(id.data.id, 1) : [];
    if (!mailing) throw new NotFoundException();
    return mailing;
  }

  /** Per mailing, its emails by state (one GROUP BY over the mailing's rows, served by the (mailing_id, status) index). */
  private async progress(id: string | null, limit: number): Promise<MailingProgress[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT g.id, g.key, g.kind, g.subject, g.created_at, g.cancelled_at,
              coalesce(c.queued, 0) AS queued, coalesce(c.sending, 0) AS sending, coalesce(c.sent, 0) AS sent, coalesce(c.failed, 0) AS failed,
              coalesce(c.bounced, 0) AS bounced, coalesce(c.cancelled, 0) AS cancelled, coalesce(c.total, 0) AS total
         FROM (SELECT * FROM newsletter.mailing WHERE ($1::uuid IS NULL OR id = $1) ORDER BY created_at DESC LIMIT $2) g
         LEFT JOIN LATERAL (
           SELECT count(*) FILTER (WHERE status = 'queued')::int AS queued, count(*) FILTER (WHERE status = 'sending')::int AS sending,
                  count(*) FILTER (WHERE status = 'sent')::int AS sent, count(*) FILTER (WHERE status = 'failed')::int AS failed,
                  count(*) FILTER (WHERE status = 'bounced')::int AS bounced, count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled,
                  count(*)::int AS total
             FROM newsletter.outgoing_mail o WHERE o.mailing_id = g.id) c ON true
        ORDER BY g.created_at DESC`,
      [id, limit],
    );
    return rows.map((row) => ({
      id: String(row.id),
      key: String(row.key),
      kind: String(row.kind),
      subject: String(row.subject),
      createdAt: row.created_at as Date,
      cancelled: row.cancelled_at !== null,
      queued: Number(row.queued),
      sending: Number(row.sending),
      sent: Number(row.sent),
      failed: Number(row.failed),
      bounced: Number(row.bounced),
      cancelledMails: Number(row.cancelled),
      total: Number(row.total),
    }));
  }
}
