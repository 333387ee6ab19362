import canonicalizeImpl = require('canonicalize');

/**
 * RFC 8785 (JSON Canonicalization Scheme) text of a value: the input to every hash,
 * so a revision's hash does not depend on key order or whitespace.
 */
export function canonicalJson(value: unknown): string {
  const text = (canonicalizeImpl as unknown as (v: unknown) => string | undefined)(value);
  if (text === undefined) throw new TypeError('value has no JSON form');
  return text;
}
