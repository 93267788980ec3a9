import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, type BaseConfig } from '@newsroom/platform';
import type { DataSource } from 'typeorm';
import { generatePassword, hashPassword } from './password';
import { normaliseEmail } from './user-account.entity';

export interface CreatedAdministrator {
  email: string;
  /** The generated password, to show once; null when it came from ADMIN_PASSWORD. */
  password: string | null;
}

/**
 * On the first start (no account at all), creates the administrator: ADMIN_EMAIL, "Administrateur",
 * ADMIN_PASSWORD or a random password. Safe when several replicas start at once: the insert only
 * happens on an empty table, and the unique email turns a concurrent second insert into nothing.
 * `created` tells the app whether to print the sign-in hint (apps/editorial, the standalone host).
 */
@Injectable()
export class InitialAdministrator implements OnApplicationBootstrap {
  private readonly logger = new Logger(InitialAdministrator.name);
  created: CreatedAdministrator | null = null;

  constructor(
    @InjectDataSource('editorial') private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: BaseConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.created = await this.ensure();
    if (!this.created) return;
    // The password itself goes to stdout once (loginHint), not into the structured logs.
    const origin = this.created.password === null ? 'ADMIN_PASSWORD' : 'a generated password, printed once on the standard output';
    this.logger.log(`Administrator account ${this.created.email} created (first start), with ${origin}`);
  }

  /** Creates the administrator if there is no account yet; what was created, or null. */
  async ensure(): Promise<CreatedAdministrator | null> {
    const [{ present }] = await this.dataSource.query(`SELECT EXISTS (SELECT 1 FROM editorial.user_account) AS present`);
    if (present) return null;
    const email = normaliseEmail(this.config.ADMIN_EMAIL);
    const password = this.config.ADMIN_PASSWORD ?? generatePassword();
    const passwordHash = await hashPassword(password);
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO editorial.user_account (id, email, name, role, password_hash)
       SELECT $1, $2, 'Administrateur', 'admin', $3
        WHERE NOT EXISTS (SELECT 1 FROM editorial.user_account)
       ON CONFLICT (email) DO NOTHING
       RETURNING id`,
      [randomUUID(), email, passwordHash],
    );
    if (inserted.length === 0) return null;
    return { email, password: this.config.ADMIN_PASSWORD ? null : password };
  }

  /** The lines to print after start-up when the administrator was just created; none otherwise. */
  loginHint(publicUrl: string = this.config.PUBLIC_URL): string[] {
    if (!this.created) return [];
    const where = `sign in at ${publicUrl}/admin as ${this.created.email}`;
    return this.created.password === null
      ? [`Administrator created: ${where} with the password set in ADMIN_PASSWORD`]
      : [`Administrator created: ${where} with password ${this.created.password}  (shown once; set ADMIN_PASSWORD to choose it)`];
  }
}
