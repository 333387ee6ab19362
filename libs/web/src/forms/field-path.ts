/**
 * One mapping between the three names a form field has: the JSON Pointer (RFC 6901) that
 * validation errors use (`/people/0/name`), the name it is posted under, which the body
 * parser turns back into the nested object (`people[0][name]`), and its HTML id, which
 * error-summary links point at (`people-0-name`).
 */

export type Segment = string | number;

export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`not a JSON Pointer: ${pointer}`);
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** A pointer from segments: `pointerOf('people', 0, 'name')` is `/people/0/name`. */
export function pointerOf(...segments: Segment[]): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** A pointer below another: `pointerBelow('/people', 0, 'name')` is `/people/0/name`. */
export function pointerBelow(base: string, ...segments: Segment[]): string {
  return base + pointerOf(...segments);
}

/** The posted name: `people[0][name]`. Property names are the DTOs' own (letters and digits). */
export function fieldName(pointer: string): string {
  const [first, ...rest] = pointerSegments(pointer);
  return (first ?? '') + rest.map((s) => `[${s}]`).join('');
}

export function pointerOfFieldName(name: string): string {
  const m = /^([^[\]]*)((?:\[[^[\]]*\])*)$/.exec(name);
  if (!m) throw new Error(`not a form field name: ${name}`);
  const rest = [...m[2].matchAll(/\[([^[\]]*)\]/g)].map((x) => x[1]);
  return pointerOf(m[1], ...rest);
}

/** A character outside letters and digits is written `_<hex code point>_`, so ids are plain and can be read back. */
const encodeSegment = (s: string) => s.replace(/[^A-Za-z0-9]/gu, (c) => `_${c.codePointAt(0)!.toString(16)}_`);
const decodeSegment = (s: string) => s.replace(/_([0-9a-f]+)_/g, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)));

/** The HTML id: `people-0-name`. The whole form (the empty pointer) is the page's main content. */
export function fieldId(pointer: string): string {
  const segments = pointerSegments(pointer);
  return segments.length ? segments.map(encodeSegment).join('-') : 'main-content';
}

export function pointerOfFieldId(id: string): string {
  return id === 'main-content' ? '' : pointerOf(...id.split('-').map(decodeSegment));
}

/** The value at a pointer in a nested object (undefined when absent). */
export function valueAt(root: unknown, pointer: string): unknown {
  let at = root;
  for (const s of pointerSegments(pointer)) {
    if (at === null || typeof at !== 'object' || !Object.prototype.hasOwnProperty.call(at, s)) return undefined;
    at = (at as Record<string, unknown>)[s];
  }
  return at;
}
