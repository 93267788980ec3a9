import type { Role } from '@newsroom/platform';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Someone who signs in to the admin: a contributor, an editor or an administrator. */
@Entity({ name: 'user_account', schema: 'editorial' })
export class UserAccount {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** Lowercased (the table checks it): the login. */
  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  role: Role;

  /** `scrypt$N$r$p$salt$hash`, see password.ts. */
  @Column({ name: 'password_hash', type: 'text' })
  passwordHash: string;

  /** Set when an administrator deactivates the account: it can no longer sign in. */
  @Column({ name: 'deactivated_at', type: 'timestamptz', nullable: true })
  deactivatedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** How an address is stored and looked up. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
