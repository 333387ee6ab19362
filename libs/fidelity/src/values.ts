/**
 * The 25 characters with the Unicode White_Space property (fidelity.md, "Blank").
 * Not JavaScript's trim() set: U+FEFF is not white space here.
 */
const WHITE_SPACE = new Set([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008,
  0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
]);

/** Absent, null, empty, or made only of White_Space characters. */
export function isBlank(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value !== 'string') return false;
  for (let i = 0; i < value.length; i++) {
    if (!WHITE_SPACE.has(value.charCodeAt(i))) return false;
  }
  return true;
}

/**
 * Structural equality of JSON values where an absent key equals a key whose value is
 * null, at every level; arrays compare item by item in order; strings by code points.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  const x = a === undefined ? null : a;
  const y = b === undefined ? null : b;
  if (x === y) return true;
  if (x === null || y === null || typeof x !== 'object' || typeof y !== 'object') return false;
  if (Array.isArray(x) || Array.isArray(y)) {
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!sameValue(x[i], y[i])) return false;
    return true;
  }
  const ox = x as Record<string, unknown>;
  const oy = y as Record<string, unknown>;
  for (const k of Object.keys(ox)) if (!sameValue(ox[k], Object.hasOwn(oy, k) ? oy[k] : undefined)) return false;
  for (const k of Object.keys(oy)) if (!Object.hasOwn(ox, k) && !sameValue(null, oy[k])) return false;
  return true;
}
