import { Injectable } from '@nestjs/common';
import { EntityManager, LessThanOrEqual } from 'typeorm';
import { FormDraftEntity } from '@mapwork/persistence';

/** Queries on kept form drafts. */
@Injectable()
export class FormDraftsRepository {
  insert(em: EntityManager, draft: FormDraftEntity) {
    return em.getRepository(FormDraftEntity).insert(draft);
  }
  byId(em: EntityManager, id: string) {
    return em.getRepository(FormDraftEntity).findOne({ where: { id } });
  }
  delete(em: EntityManager, id: string) {
    return em.getRepository(FormDraftEntity).delete({ id });
  }
  deleteExpired(em: EntityManager, now: string) {
    return em.getRepository(FormDraftEntity).delete({ expiresAt: LessThanOrEqual(now) });
  }
}
