import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { UsersRepository } from './users.repository';

const IMPORT = 'import:';
const SYSTEM = 'system:';

/** A revision's authors: who wrote it here, and for an imported one who wrote it in the source system. */
export interface Authored {
  by: string;
  source?: { by: string; at: string } | null;
}

/** How every name given beside a user id is described in the OpenAPI document. */
export const NAME_BESIDE_ID =
  "the user's display name (for `import:<id>`, the importer's name and \"(import)\"; for `system:<name>`, the named system process); null when the id names no user here, as in files from another system";

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
    if (id.startsWith(SYSTEM)) {
      const what = id.slice(SYSTEM.length).replace(/-/g, ' ');
      return `${what.charAt(0).toUpperCase()}${what.slice(1)} (system)`;
    }
    return null;
  }

  /** A revision with the names of its authors beside their ids. */
  authored<T extends Authored>(r: T): T & { byName: string | null; source: (NonNullable<T['source']> & { byName: string | null }) | null } {
    return { ...r, byName: this.name(r.by), source: r.source ? { ...r.source, byName: this.name(r.source.by) } : null };
  }

  /** The names of these ids, for an object of `{ id: name }` beside data that holds the ids. */
  record(ids: Iterable<string>): Record<string, string | null> {
    return Object.fromEntries([...new Set(ids)].sort().map((id) => [id, this.name(id)]));
  }
}

/** The ids to look up for `NameBook.authored` of these revisions. */
export function authorsOf(revisions: Iterable<Authored>): string[] {
  return [...revisions].flatMap((r) => (r.source ? [r.by, r.source.by] : [r.by]));
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
