import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { NotificationEntity } from '@mapwork/persistence';

/** Queries on users' notifications. */
@Injectable()
export class NotificationsRepository {
  insert(em: EntityManager, row: NotificationEntity) {
    return em.getRepository(NotificationEntity).insert(row);
  }
  ofUser(em: EntityManager, userId: string, limit: number) {
    return em.getRepository(NotificationEntity).find({ where: { userId }, order: { at: 'DESC', id: 'ASC' }, take: limit });
  }
  unreadCount(em: EntityManager, userId: string) {
    return em.getRepository(NotificationEntity).count({ where: { userId, readAt: IsNull() } });
  }
  async markRead(em: EntityManager, userId: string, id: string, at: string): Promise<boolean> {
    const row = await em.getRepository(NotificationEntity).findOne({ where: { id, userId } });
    if (!row) return false;
    if (!row.readAt) await em.getRepository(NotificationEntity).update({ id, userId }, { readAt: at });
    return true;
  }
}
