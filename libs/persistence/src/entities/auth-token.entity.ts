import { Column, Entity, PrimaryColumn } from 'typeorm';

export const CREDENTIAL_KINDS = ['bearer', 'session'] as const;
/** An API bearer token, or a browser session (the value of its cookie). */
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

/**
 * What a token allows: everything its user's role allows (`full`), or, while a sign-in
 * is unfinished, only changing the password or enrolling a one-time-password app.
 */
export const TOKEN_SCOPES = ['full', 'password-change', 'enrolment'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** A bearer token or a browser session, stored only as the SHA-256 of its secret. */
@Entity('auth_tokens')
export class AuthTokenEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @Column({ name: 'token_hash', type: 'varchar', length: 64, unique: true })
  tokenHash!: string;

  @Column({ name: 'issued_at', type: 'varchar', length: 24 })
  issuedAt!: string;

  @Column({ name: 'expires_at', type: 'varchar', length: 24 })
  expiresAt!: string;

  @Column({ name: 'revoked_at', type: 'varchar', length: 24, nullable: true })
  revokedAt!: string | null;

  @Column({ type: 'varchar', length: 16, default: 'bearer' })
  kind!: CredentialKind;

  /** when it was last used, to within a minute: the idle timeout counts from here */
  @Column({ name: 'last_used_at', type: 'varchar', length: 24, nullable: true })
  lastUsedAt!: string | null;

  @Column({ type: 'varchar', length: 24, default: 'full' })
  scope!: TokenScope;
}
