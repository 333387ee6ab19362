import { Column, Entity, PrimaryColumn } from 'typeorm';

export const USER_ROLES = ['social_worker', 'team_manager', 'evaluator', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** Roles that hold casework (read cases of their teams): never given to oneself, and flagged to the user when given. */
export const CASEWORK_ROLES: readonly UserRole[] = ['social_worker', 'team_manager'];

/** Roles that must sign in with a one-time password as well as their password. */
export const SECOND_FACTOR_ROLES: readonly UserRole[] = ['admin', 'evaluator'];

@Entity('users')
export class UserEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  username!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName!: string;

  @Column({ type: 'varchar', length: 32 })
  role!: UserRole;

  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  phone!: string | null;

  @Column({ type: 'boolean', default: false })
  disabled!: boolean;

  /** set when an admin chose the password (a new account, a reset): the user must choose their own at next sign-in */
  @Column({ name: 'password_change_required', type: 'boolean', default: false })
  passwordChangeRequired!: boolean;

  @Column({ name: 'created_at', type: 'varchar', length: 24 })
  createdAt!: string;
}
