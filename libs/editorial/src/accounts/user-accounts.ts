import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, type Actor, type Role, type SessionAccounts } from '@newsroom/platform';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import { actorName } from '../review/article-record';
import { AuditEntry } from '../review/review.entities';
import { hashPassword } from './password';
import { normaliseEmail, UserAccount } from './user-account.entity';

export const MIN_PASSWORD_LENGTH = 12;
/** Administrator is the chief editor's role too. */
export const ROLES = ['contributor', 'editor', 'admin'] as const satisfies readonly Role[];

export const newUserBody = z
  .object({
    email: z.string().trim().toLowerCase().max(254).pipe(z.email({ error: 'expected an email address' })),
    name: z.string().trim().min(1).max(200).regex(/^[^\r\n]*$/, 'one line'),
    role: z.enum(ROLES),
    password: z.string().min(MIN_PASSWORD_LENGTH, { error: `at least ${MIN_PASSWORD_LENGTH} characters` }).max(1024),
    _csrf: z.string().optional(),
  })
  .strict();

export const userChangeBody = z
  .object({ role: z.enum(ROLES).optional(), active: z.boolean().optional(), _csrf: z.string().optional() })
  .strict()
  .refine((b) => b.role !== undefined || b.active !== undefined, { error: 'expected role or active' });

export type NewUser = z.infer<typeof newUserBody>;
export type UserChange = Omit<z.infer<typeof userChangeBody>, '_csrf'>;

export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  createdAt: string;
}

export const userView = (u: UserAccount): UserView => ({ id: u.id, email: u.email, name: u.name, role: u.role, active: !u.deactivatedAt, createdAt: u.createdAt.toISOString() });

/**
 * The accounts administrators manage: created with a role and a password (hashed like every other), the role
 * changed, deactivated (never deleted: the audit names their actions). There is always an active administrator:
 * the last one can be neither demoted nor deactivated. Each change is in the audit trail.
 */
@Injectable()
export class UserAccounts implements SessionAccounts {
  constructor(
    @InjectDataSource('editorial') private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<UserView[]> {
    const users = await this.dataSource.getRepository(UserAccount).find({ order: { name: 'ASC', email: 'ASC' } });
    return users.map(userView);
  }

  async create(input: Omit<NewUser, '_csrf'>, actor: Actor): Promise<UserView> {
    const passwordHash = await hashPassword(input.password);
    return this.dataSource.transaction(async (tx) => {
      const email = normaliseEmail(input.email);
      if (await tx.exists(UserAccount, { where: { email } })) throw new ConflictException(`An account already uses ${email}.`);
      const user = Object.assign(new UserAccount(), { id: randomUUID(), email, name: input.name, role: input.role, passwordHash, deactivatedAt: null });
      await tx.insert(UserAccount, user);
      const saved = await tx.findOneByOrFail(UserAccount, { id: user.id });
      await this.audit(tx, actor, 'user_create', null, userView(saved));
      return userView(saved);
    });
  }

  async change(id: string, change: UserChange, actor: Actor): Promise<UserView> {
    return this.dataSource.transaction(async (tx) => {
      // One change of the administrators at a time, so two of them cannot each remove the other.
      await tx.query(`LOCK TABLE editorial.user_account IN SHARE ROW EXCLUSIVE MODE`);
      const user = await tx.findOneBy(UserAccount, { id });
      if (!user) throw new NotFoundException('No such user.');
      const before = userView(user);
      const role = change.role ?? user.role;
      const deactivatedAt = change.active === undefined ? user.deactivatedAt : change.active ? null : (user.deactivatedAt ?? this.clock.now());
      const losesAdmin = user.role === 'admin' && !user.deactivatedAt && (role !== 'admin' || deactivatedAt);
      if (losesAdmin) {
        const [{ n }] = await tx.query(`SELECT count(*)::int AS n FROM editorial.user_account WHERE role = 'admin' AND deactivated_at IS NULL`);
        if (Number(n) <= 1) throw new BadRequestException('The last active administrator can be neither demoted nor deactivated.');
      }
      await tx.update(UserAccount, { id }, { role, deactivatedAt });
      const after = userView(await tx.findOneByOrFail(UserAccount, { id }));
      await this.audit(tx, actor, 'user_change', before, after);
      return after;
    });
  }

  /** For every signed-in request (SESSION_ACCOUNTS): the role now, null once deactivated, so a demotion or a deactivation takes effect at once. */
  async currentRole(userId: string): Promise<Role | null> {
    const user = await this.dataSource.getRepository(UserAccount).findOne({ where: { id: userId }, select: { id: true, role: true, deactivatedAt: true } });
    return user && !user.deactivatedAt ? user.role : null;
  }

  /** A cookie session read outside the guard (the admin's GET pages), checked the same way. */
  async stillActive(actor: Actor | null): Promise<Actor | null> {
    const role = actor && (await this.currentRole(actor.id));
    return actor && role ? { ...actor, role } : null;
  }

  private async audit(tx: EntityManager, actor: Actor, action: string, before: UserView | null, after: UserView): Promise<void> {
    await tx.insert(AuditEntry, { id: randomUUID(), articleId: null, actorId: actor.id, actorName: actorName(actor), action, at: this.clock.now(), before: before as never, after: after as never });
  }
}
