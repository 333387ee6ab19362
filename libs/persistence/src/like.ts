/**
 * Case-insensitive "contains" that works the same on SQLite and PostgreSQL: compare
 * `LOWER(column) LIKE :pattern ESCAPE '\'` (PostgreSQL's ILIKE does not exist in SQLite;
 * SQLite's LOWER folds ASCII letters only, so there other letters match in their own case).
 * User input is escaped, so `%` and `_` match themselves.
 */
export const LIKE_ESCAPE = "ESCAPE '\\'";

/** `%text%`, lower-cased, with `\\`, `%` and `_` escaped. */
export function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
