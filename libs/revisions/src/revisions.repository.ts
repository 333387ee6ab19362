import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { IntegrityHeadEntity, RevisionEntity, dialectOf } from '@mapwork/persistence';
import { EntityKey, EntityType, Revision } from './revision.types';

/** Who recorded an imported revision in the system it came from (null for one written here). */
export function sourceOf(row: Pick<RevisionEntity, 'sourceActor' | 'at'>): { by: string; at: string } | null {
  return row.sourceActor === null || row.sourceActor === undefined ? null : { by: row.sourceActor, at: row.at };
}

export function toRevision<S = unknown>(row: RevisionEntity): Revision<S> {
  return {
    entityType: row.entityType as EntityType,
    caseId: row.caseId,
    entityId: row.entityId,
    version: row.version,
    at: row.at,
    by: row.actor,
    reason: row.reason,
    source: sourceOf(row),
    state: row.state === null ? null : (JSON.parse(row.state) as S),
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

/** All queries on the append-only revisions table; nothing here decides anything. */
@Injectable()
export class RevisionsRepository {
  last(em: EntityManager, key: EntityKey): Promise<RevisionEntity | null> {
    return em.getRepository(RevisionEntity).findOne({ where: { ...key }, order: { version: 'DESC' } });
  }

  async insert(em: EntityManager, row: Omit<RevisionEntity, 'seq'>): Promise<RevisionEntity> {
    return em.getRepository(RevisionEntity).save(em.getRepository(RevisionEntity).create(row));
  }

  /** Sets the signed head of a history, in the same transaction as its newest revision; never moves it back. */
  async setHead(em: EntityManager, head: IntegrityHeadEntity): Promise<void> {
    const p = dialectOf(em.connection) === 'postgres' ? ['$1', '$2', '$3', '$4', '$5', '$6', '$7'] : Array(7).fill('?');
    await em.query(
      `INSERT INTO integrity_heads (case_id, entity_type, entity_id, version, hash, key_id, mac) VALUES (${p.join(', ')})
       ON CONFLICT (case_id, entity_type, entity_id) DO UPDATE SET version = excluded.version, hash = excluded.hash, key_id = excluded.key_id, mac = excluded.mac
       WHERE integrity_heads.version < excluded.version`,
      [head.caseId, head.entityType, head.entityId, head.version, head.hash, head.keyId, head.mac],
    );
  }

  lastUpTo(em: EntityManager, key: EntityKey, asOf: string): Promise<RevisionEntity | null> {
    return em
      .getRepository(RevisionEntity)
      .createQueryBuilder('r')
      .where('r.entity_type = :t AND r.case_id = :c AND r.entity_id = :e AND r.at <= :asOf', {
        t: key.entityType,
        c: key.caseId,
        e: key.entityId,
        asOf,
      })
      .orderBy('r.version', 'DESC')
      .limit(1)
      .getOne();
  }

  /** Many rows, in batches small enough for every driver's parameter limit. */
  async insertMany(em: EntityManager, rows: Omit<RevisionEntity, 'seq'>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 50) {
      await em.createQueryBuilder().insert().into(RevisionEntity).values(rows.slice(i, i + 50)).updateEntity(false).execute();
    }
  }

  version(em: EntityManager, key: EntityKey, version: number): Promise<RevisionEntity | null> {
    return em.getRepository(RevisionEntity).findOne({ where: { ...key, version } });
  }

  async page(em: EntityManager, key: EntityKey, page: number, pageSize: number): Promise<[RevisionEntity[], number]> {
    return em.getRepository(RevisionEntity).findAndCount({
      where: { ...key },
      order: { version: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
  }

  /** Who, when and why of the last revision of everything in a case (no states). */
  lastOfCase(em: EntityManager, caseId: string): Promise<Array<Pick<RevisionEntity, 'entityType' | 'entityId' | 'version' | 'at' | 'actor' | 'sourceActor' | 'reason'>>> {
    return em
      .getRepository(RevisionEntity)
      .createQueryBuilder('r')
      .select(['r.entityType', 'r.entityId', 'r.version', 'r.at', 'r.actor', 'r.sourceActor', 'r.reason'])
      .where('r.case_id = :caseId', { caseId })
      .andWhere(
        'r.version = (SELECT MAX(r2.version) FROM revisions r2 WHERE r2.case_id = r.case_id AND r2.entity_type = r.entity_type AND r2.entity_id = r.entity_id)',
      )
      .getMany();
  }

  /** The latest non-deletion revision, for restore. */
  lastWithState(em: EntityManager, key: EntityKey): Promise<RevisionEntity | null> {
    return em
      .getRepository(RevisionEntity)
      .createQueryBuilder('r')
      .where('r.entity_type = :t AND r.case_id = :c AND r.entity_id = :e AND r.state IS NOT NULL', {
        t: key.entityType,
        c: key.caseId,
        e: key.entityId,
      })
      .orderBy('r.version', 'DESC')
      .limit(1)
      .getOne();
  }

  /** Every revision of a case at or before an instant (normalised), in history order. */
  caseUpTo(em: EntityManager, caseId: string, asOf: string): Promise<RevisionEntity[]> {
    return em
      .getRepository(RevisionEntity)
      .createQueryBuilder('r')
      .where('r.case_id = :caseId AND r.at <= :asOf', { caseId, asOf })
      .orderBy('r.entity_type')
      .addOrderBy('r.entity_id')
      .addOrderBy('r.version')
      .getMany();
  }

  /** A batch of all revisions in chain order, after the given position, for integrity walks. */
  chainBatch(em: EntityManager, after: { caseId: string; entityType: string; entityId: string; version: number } | null, size: number) {
    const qb = em.getRepository(RevisionEntity).createQueryBuilder('r');
    if (after) {
      qb.where(
        '(r.case_id > :c) OR (r.case_id = :c AND r.entity_type > :t) OR ' +
          '(r.case_id = :c AND r.entity_type = :t AND r.entity_id > :e) OR ' +
          '(r.case_id = :c AND r.entity_type = :t AND r.entity_id = :e AND r.version > :v)',
        { c: after.caseId, t: after.entityType, e: after.entityId, v: after.version },
      );
    }
    return qb
      .orderBy('r.case_id')
      .addOrderBy('r.entity_type')
      .addOrderBy('r.entity_id')
      .addOrderBy('r.version')
      .limit(size)
      .getMany();
  }
}
