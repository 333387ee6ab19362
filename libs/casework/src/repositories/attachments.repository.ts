import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { dialectOf } from '@mapwork/persistence';

export interface StoredAttachment {
  sha256: string;
  mediaType: string;
  size: number;
  content: Buffer;
}

/**
 * Attachment bytes, content-addressed per case. Raw SQL because the binary column is
 * BLOB on SQLite and BYTEA on PostgreSQL, which one TypeORM entity cannot express.
 */
@Injectable()
export class AttachmentsRepository {
  private params(em: EntityManager, n: number): string[] {
    const pg = dialectOf(em.connection) === 'postgres';
    return Array.from({ length: n }, (_, i) => (pg ? `$${i + 1}` : '?'));
  }

  async insertIfAbsent(em: EntityManager, caseId: string, a: StoredAttachment, at: string, by: string): Promise<void> {
    const p = this.params(em, 7);
    await em.query(
      `INSERT INTO attachments (case_id, sha256, media_type, size, content, created_at, created_by)
       VALUES (${p.join(', ')}) ON CONFLICT (case_id, sha256) DO NOTHING`,
      [caseId, a.sha256, a.mediaType, a.size, a.content, at, by],
    );
  }

  async one(em: EntityManager, caseId: string, sha256: string): Promise<StoredAttachment | null> {
    const p = this.params(em, 2);
    const rows: Array<{ sha256: string; media_type: string; size: number; content: Buffer | Uint8Array }> = await em.query(
      `SELECT sha256, media_type, size, content FROM attachments WHERE case_id = ${p[0]} AND sha256 = ${p[1]}`,
      [caseId, sha256],
    );
    const row = rows[0];
    return row ? { sha256: row.sha256, mediaType: row.media_type, size: Number(row.size), content: Buffer.from(row.content) } : null;
  }

  async digests(em: EntityManager, caseId: string): Promise<Set<string>> {
    const p = this.params(em, 1);
    const rows: Array<{ sha256: string }> = await em.query(`SELECT sha256 FROM attachments WHERE case_id = ${p[0]}`, [caseId]);
    return new Set(rows.map((r) => r.sha256));
  }
}
