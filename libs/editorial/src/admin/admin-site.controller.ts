import { BadRequestException, Body, ConflictException, Controller, Get, Inject, NotFoundException, Param, Post, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, Authenticated, csrfTokenFor, CurrentActor, type Actor, type BaseConfig } from '@newsroom/platform';
import type { Response } from 'express';
import { z } from 'zod';
import { newUserBody, UserAccounts } from '../accounts/user-accounts';
import { sectionsBody } from '../site/sections.controller';
import { SiteSections } from '../site/site-sections';
import { AdminErrorFilter } from './admin-error.filter';
import { sendPage } from './admin-http';
import { M } from './admin-messages';
import { sectionsFromForm, sectionsPage, usersPage } from './admin-site-pages';

const userAction = z.object({ action: z.enum(['role', 'deactivate', 'reactivate']), role: z.string().optional(), _csrf: z.string().optional() });
const userIdParams = z.object({ id: z.guid() });

type Notice = { text: string; error?: boolean };

/**
 * Administrators only: the site's sections and the accounts, through the same services (and rules) as the API.
 * Signed out, the guard's 401 becomes the sign-in form (AdminErrorFilter); another role gets the 403 page.
 */
@ApiExcludeController()
@UseFilters(AdminErrorFilter)
@Controller('admin')
export class AdminSiteController {
  constructor(
    private readonly sections: SiteSections,
    private readonly users: UserAccounts,
    @Inject(APP_CONFIG) private readonly config: BaseConfig,
  ) {}

  @Get('rubriques')
  @Authenticated('admin')
  sectionsForm(@CurrentActor() actor: Actor, @Res() response: Response): Promise<void> {
    return this.showSections(response, 200, actor);
  }

  @Post('rubriques')
  @Authenticated('admin')
  async saveSections(@Body() body: Record<string, unknown> | undefined, @CurrentActor() actor: Actor, @Res() response: Response): Promise<void> {
    const parsed = sectionsBody.safeParse({ sections: sectionsFromForm(body ?? {}) });
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.slice(1).join(' ')} ${i.message}`).join(' ; ');
      return this.showSections(response, 400, actor, { text: M.sections.invalid(detail), error: true });
    }
    await this.sections.replace(parsed.data.sections, actor);
    await this.showSections(response, 200, actor, { text: M.sections.saved });
  }

  @Get('utilisateurs')
  @Authenticated('admin')
  usersList(@CurrentActor() actor: Actor, @Res() response: Response): Promise<void> {
    return this.showUsers(response, 200, actor);
  }

  @Post('utilisateurs/nouveau')
  @Authenticated('admin')
  async createUser(@Body() body: unknown, @CurrentActor() actor: Actor, @Res() response: Response): Promise<void> {
    const parsed = newUserBody.safeParse(body ?? {});
    if (!parsed.success) return this.showUsers(response, 400, actor, { text: M.users.invalid, error: true });
    try {
      const { _csrf, ...input } = parsed.data;
      void _csrf;
      const user = await this.users.create(input, actor);
      await this.showUsers(response, 200, actor, { text: M.users.created(user.email) });
    } catch (error) {
      if (error instanceof ConflictException) return this.showUsers(response, 409, actor, { text: M.users.duplicate, error: true });
      throw error;
    }
  }

  @Post('utilisateurs/:id')
  @Authenticated('admin')
  async changeUser(@Param() params: unknown, @Body() body: unknown, @CurrentActor() actor: Actor, @Res() response: Response): Promise<void> {
    const id = userIdParams.safeParse(params);
    if (!id.success) throw new NotFoundException();
    const form = userAction.safeParse(body ?? {});
    const role = z.enum(['contributor', 'editor', 'admin']).safeParse(form.data?.role);
    if (!form.success || (form.data.action === 'role' && !role.success)) throw new BadRequestException();
    const change = form.data.action === 'role' ? { role: role.data } : { active: form.data.action === 'reactivate' };
    try {
      const user = await this.users.change(id.data.id, change, actor);
      await this.showUsers(response, 200, actor, { text: M.users.changed(user.email) });
    } catch (error) {
      if (error instanceof BadRequestException) return this.showUsers(response, 400, actor, { text: M.users.lastAdmin, error: true });
      throw error;
    }
  }

  private async showSections(response: Response, status: number, actor: Actor, notice?: Notice): Promise<void> {
    const site = await this.sections.current();
    sendPage(response, status, sectionsPage({ siteName: this.config.SITE_NAME, actor, csrfToken: this.csrf(actor), notice, sections: site.sections, updatedBy: site.updatedBy, updatedAt: site.updatedAt }));
  }

  private async showUsers(response: Response, status: number, actor: Actor, notice?: Notice): Promise<void> {
    sendPage(response, status, usersPage({ siteName: this.config.SITE_NAME, actor, csrfToken: this.csrf(actor), notice, users: await this.users.list() }));
  }

  private csrf(actor: Actor): string {
    return csrfTokenFor(this.config.APP_SECRET, actor.sid);
  }
}
