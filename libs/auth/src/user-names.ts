import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { UsersRepository } from './users.repository';

const IMPORT = 'import:';

/** How every name given beside a user id is described in the OpenAPI document. */
export const NAME_BESIDE_ID = "the user's display name (for `import:<id>`, the importer's name and \"(import)\"); null when the id names no user here, as in files from another system";

/**
 * Display names for the user ids a response carries, looked up once per response.
 * An importer's revisions are by `import:<who>` and are named "<who's name> (import)";
 * an id that names no user here (a case file from another system) has no name (null).
 */
export class NameBook {
  constructor(private readonly names: ReadonlyMap<string, string>) {}

  static readonly EMPTY = new NameBook(new Map());

  name(id: string | null | undefined): string | null {
    if (!id) return null;
    const own = this.names.get(id);
    if (own !== undefined) return own;
    if (id.startsWith(IMPORT)) {
      const who = id.slice(IMPORT.length);
      return `${this.names.get(who) ?? who} (import)`;
    }
    return null;
  }

  /** The names of these ids, for an object of `{ id: name }` beside data that holds the ids. */
  record(ids: Iterable<string>): Record<string, string | null> {
    return Object.fromEntries([...new Set(ids)].sort().map((id) => [id, this.name(id)]));
  }
}

/** Resolves user ids to display names, for lists and histories. */
@Injectable()
export class UserNames {
  constructor(private readonly users: UsersRepository) {}

  /** One query for all of `ids` (absent and repeated ids are fine). */
  async book(em: EntityManager, ids: Iterable<string | null | undefined>): Promise<NameBook> {
    const wanted = new Set<string>();
    for (const id of ids) {
      if (!id) continue;
      wanted.add(id);
      if (id.startsWith(IMPORT)) wanted.add(id.slice(IMPORT.length));
    }
    if (!wanted.size) return NameBook.EMPTY;
    return new NameBook(await this.users.displayNames(em, [...wanted]));
  }
}
