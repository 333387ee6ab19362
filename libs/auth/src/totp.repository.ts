import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull, Not } from 'typeorm';
import { RecoveryCodeEntity, UserTotpEntity } from '@mapwork/persistence';

/** Queries on one-time-password secrets and recovery codes. Uses of a code are single atomic updates, so a code is never accepted twice. */
@Injectable()
export class TotpRepository {
  byUser(em: EntityManager, userId: string) {
    return em.getRepository(UserTotpEntity).findOne({ where: { userId } });
  }

  async confirmedUserIds(em: EntityManager, userIds: string[]): Promise<Set<string>> {
    if (!userIds.length) return new Set();
    const rows = await em.getRepository(UserTotpEntity).find({ where: { userId: In(userIds), confirmedAt: Not(IsNull()) }, select: { userId: true } });
    return new Set(rows.map((r) => r.userId));
  }

  /** A new secret waiting for confirmation, replacing any earlier one. */
  async startEnrolment(em: EntityManager, row: UserTotpEntity) {
    await em.getRepository(UserTotpEntity).delete({ userId: row.userId });
    await em.getRepository(UserTotpEntity).insert(row);
  }

  /** Accepts a code for `step` if no code of that step or a later one was accepted before; confirms a waiting enrolment. */
  async useStep(em: EntityManager, userId: string, step: number, at: string, confirming: boolean): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .update(UserTotpEntity)
      .set(confirming ? { lastUsedStep: step, confirmedAt: at } : { lastUsedStep: step })
      .where(`user_id = :userId AND confirmed_at IS ${confirming ? '' : 'NOT '}NULL AND (last_used_step IS NULL OR last_used_step < :step)`, { userId, step })
      .execute();
    return result.affected === 1;
  }

  async remove(em: EntityManager, userId: string) {
    await em.getRepository(RecoveryCodeEntity).delete({ userId });
    await em.getRepository(UserTotpEntity).delete({ userId });
  }

  async replaceRecoveryCodes(em: EntityManager, userId: string, codeHashes: string[], at: string) {
    await em.getRepository(RecoveryCodeEntity).delete({ userId });
    await em.getRepository(RecoveryCodeEntity).insert(codeHashes.map((codeHash) => ({ id: randomUUID(), userId, codeHash, createdAt: at, usedAt: null })));
  }

  /** Uses a recovery code up; false when it is unknown or was used before. */
  async useRecoveryCode(em: EntityManager, userId: string, codeHash: string, at: string): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .update(RecoveryCodeEntity)
      .set({ usedAt: at })
      .where('user_id = :userId AND code_hash = :codeHash AND used_at IS NULL', { userId, codeHash })
      .execute();
    return result.affected === 1;
  }

  recoveryCodesLeft(em: EntityManager, userId: string) {
    return em.getRepository(RecoveryCodeEntity).count({ where: { userId, usedAt: IsNull() } });
  }

  all(em: EntityManager) {
    return em.getRepository(UserTotpEntity).find({ order: { userId: 'ASC' } });
  }

  setCiphertext(em: EntityManager, userId: string, secretCiphertext: string) {
    return em.getRepository(UserTotpEntity).update({ userId }, { secretCiphertext });
  }

  /** Drops every recovery code; answers whose unused ones they were. */
  async dropAllRecoveryCodes(em: EntityManager): Promise<string[]> {
    const rows = await em.getRepository(RecoveryCodeEntity).createQueryBuilder('c').select('DISTINCT c.user_id', 'userId').where('c.used_at IS NULL').orderBy('c.user_id').getRawMany<{ userId: string }>();
    await em.getRepository(RecoveryCodeEntity).createQueryBuilder().delete().execute();
    return rows.map((r) => r.userId);
  }
}
