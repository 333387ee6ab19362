import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What a user typed into a form that was posted after their session had ended, kept
 * until they sign in again in the same browser (or until it expires). `id` is the
 * SHA-256 of the random value in the browser's draft cookie.
 */
@Entity('form_drafts')
export class FormDraftEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  /** the page the form is on (forms post to the address they are shown at) */
  @Column({ type: 'varchar', length: 300 })
  path!: string;

  /** the form's fields as posted, as JSON */
  @Column({ type: 'text' })
  data!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 24 })
  createdAt!: string;

  @Column({ name: 'expires_at', type: 'varchar', length: 24 })
  expiresAt!: string;
}
