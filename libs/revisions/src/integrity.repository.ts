import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { IntegrityCheckpointEntity, IntegrityHeadEntity, IntegritySealEntity, RevisionEntity, dialectOf } from '@mapwork/persistence';

export type RevisionRow = RevisionEntity;

/** Queries for sealing, checkpoints and verification; nothing here decides anything. */
@Injectable()
export class IntegrityRepository {
  /**
   * The highest revision position such that every revision at or below it is
   * committed. On PostgreSQL a writer holds its position before it commits, so this
   * briefly takes a SHARE lock on revisions (waiting for writers in flight, at most
   * `lockTimeout`); on SQLite there is one writer at a time anyway.
   */
  async watermark(em: EntityManager, lockTimeout: string): Promise<number> {
    if (dialectOf(em.connection) === 'postgres') {
      await em.query(`SET LOCAL lock_timeout = '${lockTimeout}'`);
      await em.query('LOCK TABLE revisions IN SHARE MODE');
    }
    const [row] = await em.query('SELECT MAX(seq) AS m FROM revisions');
    return Number(row?.m ?? 0);
  }

  async countBetween(em: EntityManager, after: number, through: number): Promise<number> {
    const [row] = await em.query(`SELECT COUNT(*) AS c FROM revisions WHERE seq > ${Number(after)} AND seq <= ${Number(through)}`);
    return Number(row.c);
  }

  /** For each case with revisions in (after, through]: how many revisions it has up to `through`. */
  async caseCountsChanged(em: EntityManager, after: number, through: number): Promise<Array<[string, number]>> {
    const rows: Array<{ case_id: string; c: string | number }> = await em.query(
      `SELECT case_id, COUNT(*) AS c FROM revisions WHERE seq <= ${Number(through)}
       AND case_id IN (SELECT DISTINCT case_id FROM revisions WHERE seq > ${Number(after)} AND seq <= ${Number(through)})
       GROUP BY case_id ORDER BY case_id`,
    );
    return rows.map((r) => [r.case_id, Number(r.c)]);
  }

  /** The latest revision of every history that has no signed head yet. */
  async unsignedHeads(em: EntityManager): Promise<Array<{ caseId: string; entityType: string; entityId: string; version: number; hash: string }>> {
    const rows: Array<{ case_id: string; entity_type: string; entity_id: string; version: number; hash: string }> = await em.query(
      `SELECT r.case_id, r.entity_type, r.entity_id, r.version, r.hash FROM revisions r
       JOIN (SELECT case_id, entity_type, entity_id, MAX(version) AS v FROM revisions GROUP BY case_id, entity_type, entity_id) m
         ON r.case_id = m.case_id AND r.entity_type = m.entity_type AND r.entity_id = m.entity_id AND r.version = m.v
       WHERE NOT EXISTS (SELECT 1 FROM integrity_heads h WHERE h.case_id = r.case_id AND h.entity_type = r.entity_type AND h.entity_id = r.entity_id)`,
    );
    return rows.map((r) => ({ caseId: r.case_id, entityType: r.entity_type, entityId: r.entity_id, version: Number(r.version), hash: r.hash }));
  }

  async insertHeadsIfAbsent(em: EntityManager, heads: IntegrityHeadEntity[]): Promise<void> {
    for (let i = 0; i < heads.length; i += 100) {
      await em.createQueryBuilder().insert().into(IntegrityHeadEntity).values(heads.slice(i, i + 100)).orIgnore().updateEntity(false).execute();
    }
  }

  seal(em: EntityManager): Promise<IntegritySealEntity | null> {
    return em.getRepository(IntegritySealEntity).findOne({ where: { id: 1 } });
  }

  async insertSeal(em: EntityManager, seal: IntegritySealEntity): Promise<void> {
    await em.getRepository(IntegritySealEntity).insert(seal);
  }

  latestCheckpoint(em: EntityManager): Promise<IntegrityCheckpointEntity | null> {
    return em.getRepository(IntegrityCheckpointEntity).findOne({ where: {}, order: { n: 'DESC' } });
  }

  checkpoints(em: EntityManager): Promise<IntegrityCheckpointEntity[]> {
    return em.getRepository(IntegrityCheckpointEntity).find({ order: { n: 'ASC' } });
  }

  async insertCheckpoint(em: EntityManager, row: IntegrityCheckpointEntity): Promise<void> {
    await em.getRepository(IntegrityCheckpointEntity).insert(row);
  }

  /** Every case id with revisions or a signed head. */
  async caseIdsWithHistory(em: EntityManager): Promise<string[]> {
    const rows: Array<{ case_id: string }> = await em.query('SELECT DISTINCT case_id FROM revisions UNION SELECT DISTINCT case_id FROM integrity_heads');
    return rows.map((r) => r.case_id);
  }

  /** All revisions of these cases, in chain order (case, type, entity, version). */
  revisionsOf(em: EntityManager, caseIds: string[]): Promise<RevisionRow[]> {
    return em
      .getRepository(RevisionEntity)
      .createQueryBuilder('r')
      .where('r.case_id IN (:...caseIds)', { caseIds })
      .orderBy('r.case_id')
      .addOrderBy('r.entity_type')
      .addOrderBy('r.entity_id')
      .addOrderBy('r.version')
      .getMany();
  }

  headsOf(em: EntityManager, caseIds: string[]): Promise<IntegrityHeadEntity[]> {
    return em.getRepository(IntegrityHeadEntity).find({ where: { caseId: In(caseIds) } });
  }

  async hasSealedRows(em: EntityManager): Promise<boolean> {
    for (const sql of ['SELECT 1 AS x FROM integrity_heads', 'SELECT 1 AS x FROM integrity_checkpoints', 'SELECT 1 AS x FROM revisions WHERE mac IS NOT NULL']) {
      if ((await em.query(`${sql} LIMIT 1`)).length) return true;
    }
    return false;
  }
}
