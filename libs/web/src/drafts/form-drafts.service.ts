import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock, instantToMillis, millisToInstant } from '@mapwork/kernel';
import { TransactionRunner } from '@mapwork/persistence';
import { FormValues } from '../forms/form-input';
import { FormDraftsRepository } from './form-drafts.repository';

/** How long a kept form waits for its user to sign in again. */
export const DRAFT_TTL_MS = 60 * 60_000;

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * "Nothing typed is lost": a form posted after its session ended is kept here, for the
 * user whose session it was, and the browser gets a cookie naming it. If that user
 * signs in again in the browser they are taken back to the form with what they typed,
 * to check and save themselves; if someone else signs in, the draft is thrown away.
 */
@Injectable()
export class FormDrafts {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly drafts: FormDraftsRepository,
  ) {}

  /** Keeps the values posted to `path` for `userId`; returns the value for the draft cookie. */
  async keep(userId: string, path: string, values: FormValues): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await this.tx.write(async (em) => {
      await this.drafts.deleteExpired(em, now);
      await this.drafts.insert(em, {
        id: digest(token),
        userId,
        path: path.slice(0, 300),
        data: JSON.stringify(values),
        createdAt: now,
        expiresAt: millisToInstant(instantToMillis(now) + DRAFT_TTL_MS),
      });
    });
    return token;
  }

  /** At sign-in: true when the draft is waiting for this user; a draft of someone else is thrown away. */
  async claim(token: string, userId: string): Promise<boolean> {
    return this.tx.write(async (em) => {
      const draft = await this.drafts.byId(em, digest(token));
      if (!draft) return false;
      if (draft.userId === userId && draft.expiresAt > this.clock.now()) return true;
      await this.drafts.delete(em, draft.id);
      return false;
    });
  }

  /** On the form's page: the kept values for this user and page, removed as they are handed back. */
  async take(token: string, userId: string, path: string): Promise<FormValues | undefined> {
    return this.tx.write(async (em) => {
      const draft = await this.drafts.byId(em, digest(token));
      if (!draft || draft.userId !== userId || draft.path !== path) return undefined;
      await this.drafts.delete(em, draft.id);
      return draft.expiresAt > this.clock.now() ? (JSON.parse(draft.data) as FormValues) : undefined;
    });
  }
}
