import { randomBytes } from 'node:crypto';

/** A new id for a person or record of a case, `<prefix>-<8 hex digits>`, not among `taken`. */
export function newItemId(prefix: string, taken: Set<string>): string {
  for (;;) {
    const id = `${prefix}-${randomBytes(4).toString('hex')}`;
    if (!taken.has(id)) return id;
  }
}
