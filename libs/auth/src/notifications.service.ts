import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock, NotFoundError } from '@mapwork/kernel';
import { NotificationEntity, TransactionRunner } from '@mapwork/persistence';
import { NotificationsRepository } from './notifications.repository';

/** What happened to a user's account that they should know of. */
export type NotificationKind = 'account-created' | 'role-changed' | 'teams-changed' | 'password-reset' | 'totp-reset' | 'recovery-code-used' | 'recovery-codes-void';

/** The newest this many are listed. */
const LISTED = 100;

/**
 * Tells users about changes to their own account that someone else made or that could
 * be someone else's doing: written in the same unit of work as the change, shown to the
 * user (GET /api/v1/notifications, and the count of unread ones in GET /api/v1/auth/me).
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly repository: NotificationsRepository,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async notify(em: EntityManager, userId: string, kind: NotificationKind, message: string, byUserId: string | null): Promise<void> {
    await this.repository.insert(em, Object.assign(new NotificationEntity(), { id: randomUUID(), userId, at: this.clock.now(), kind, message, byUserId, readAt: null }));
  }

  list(userId: string) {
    return this.tx.read(async (em) => {
      const rows = await this.repository.ofUser(em, userId, LISTED);
      return { items: rows.map(notificationView), unread: await this.repository.unreadCount(em, userId) };
    });
  }

  unreadCount(userId: string) {
    return this.tx.read((em) => this.repository.unreadCount(em, userId));
  }

  async markRead(userId: string, id: string): Promise<void> {
    const found = await this.tx.write((em) => this.repository.markRead(em, userId, id, this.clock.now()));
    if (!found) throw new NotFoundError('notification', { notificationId: id });
  }
}

function notificationView(n: NotificationEntity) {
  return { id: n.id, at: n.at, kind: n.kind, message: n.message, byUserId: n.byUserId, read: n.readAt !== null, readAt: n.readAt };
}
