import type { FieldProblem } from './errors';

/**
 * Rules every piece of text from outside must keep before anything reads it: JSON nested
 * no deeper than a bound, valid UTF-8, and strings and property names that any store
 * can hold (no U+0000, which PostgreSQL text cannot hold, and no unpaired surrogate,
 * which is not Unicode text and is stored as U+FFFD). Pure functions: the API's edge
 * and the case-file validator both use them.
 */

/** Far beyond any record (a mapping nests four deep), far below a stack overflow in a recursive walk. */
export const MAX_JSON_DEPTH = 64;

/** RFC 6901: one reference token. */
export function pointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

const UNPAIRED_SURROGATE = /\p{Cs}/u;

/** A string that is not Unicode text: a high surrogate not followed by a low one, or a low one alone. */
export function hasUnpairedSurrogate(text: string): boolean {
  return UNPAIRED_SURROGATE.test(text);
}

const NUL = '\u0000';

/** What is wrong with one string or property name, if anything. */
function textRuleBroken(text: string, what: 'string' | 'property name'): Omit<FieldProblem, 'pointer'> | null {
  if (text.includes(NUL)) return { rule: 'noNulCharacter', message: `the ${what} contains a NUL character (U+0000)` };
  if (hasUnpairedSurrogate(text)) return { rule: 'i-json', message: `the ${what} has an unpaired surrogate (not I-JSON)` };
  return null;
}

/**
 * Every string and property name in a parsed JSON value that has U+0000 or an unpaired
 * surrogate, by JSON Pointer under `base`. Walks without recursion, so no depth can
 * overflow the stack.
 */
export function textProblems(value: unknown, base = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  // a property name is checked before its value, so problems come in document order
  const pending: Array<{ value: unknown; pointer: string } | { name: string; pointer: string }> = [{ value, pointer: base }];
  while (pending.length) {
    const item = pending.pop()!;
    if ('name' in item) {
      const broken = textRuleBroken(item.name, 'property name');
      if (broken) out.push({ pointer: item.pointer, ...broken });
      continue;
    }
    const v = item.value;
    if (typeof v === 'string') {
      const broken = textRuleBroken(v, 'string');
      if (broken) out.push({ pointer: item.pointer, ...broken });
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) pending.push({ value: v[i], pointer: `${item.pointer}/${i}` });
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const pointer = `${item.pointer}/${pointerSegment(entries[i][0])}`;
        pending.push({ value: entries[i][1], pointer }, { name: entries[i][0], pointer });
      }
    }
  }
  return out;
}

/** The problem with one piece of text outside JSON (a query value, a path): U+0000 or an unpaired surrogate. */
export function plainTextProblem(text: string, pointer: string): FieldProblem | null {
  const broken = textRuleBroken(text, 'string');
  return broken ? { pointer, ...broken } : null;
}

interface Frame {
  array: boolean;
  /** the index of the current element, in an array */
  index: number;
  /** the current member's name as written (quotes included), in an object */
  key: string | null;
  expectingKey: boolean;
}

function pointerOf(frames: Frame[]): string {
  let pointer = '';
  for (const frame of frames) {
    if (frame.array) pointer += `/${frame.index}`;
    else if (frame.key !== null) pointer += `/${pointerSegment(decodeKey(frame.key))}`;
    else break;
  }
  return pointer;
}

function decodeKey(quoted: string): string {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return quoted.slice(1, -1);
  }
}

export interface JsonTextPosition {
  /** JSON Pointer of the value (or member) at that place */
  pointer: string;
  /** how many arrays and objects enclose that place */
  depth: number;
}

/**
 * Reads a JSON text's structure without building it: where it first nests deeper than
 * `maxDepth` (the pointer of the array or object that is one too deep), or, with
 * `stopAt`, which value holds the character at that index. Returns null when neither
 * happens. It does not judge syntax (JSON.parse does, afterwards); it only follows
 * brackets and strings, in one pass and constant stack.
 */
export function scanJsonText(text: string, options: { maxDepth?: number; stopAt?: number }): JsonTextPosition | null {
  const maxDepth = options.maxDepth ?? Infinity;
  const stopAt = options.stopAt ?? -1;
  const frames: Frame[] = [];
  const here = () => ({ pointer: pointerOf(frames), depth: frames.length });
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      let end = i + 1;
      while (end < text.length && text.charCodeAt(end) !== 0x22) end += text.charCodeAt(end) === 0x5c /* \ */ ? 2 : 1;
      const top = frames[frames.length - 1];
      if (top && !top.array && top.expectingKey) {
        top.key = text.slice(i, end + 1);
        top.expectingKey = false;
      }
      if (stopAt >= i && stopAt <= end) return here();
      i = end;
      continue;
    }
    if (i === stopAt) return here();
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (frames.length + 1 > maxDepth) return here();
      frames.push({ array: c === 0x5b, index: 0, key: null, expectingKey: c === 0x7b });
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      frames.pop();
    } else if (c === 0x2c /* , */) {
      const top = frames[frames.length - 1];
      if (top?.array) top.index++;
      else if (top) {
        top.key = null;
        top.expectingKey = true;
      }
    }
  }
  return null;
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const LENIENT_UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });
const ENCODER = new TextEncoder();

/**
 * UTF-8 bytes as text, and where they first stop being UTF-8: the byte offset of that
 * sequence and the index of the U+FFFD it became in `text` (so a JSON Pointer can name
 * the value). A lenient decoder alone would hide the damage.
 */
export function decodeUtf8(bytes: Uint8Array): { text: string; invalid?: { byte: number; index: number } } {
  try {
    return { text: STRICT_UTF8.decode(bytes) };
  } catch {
    const text = LENIENT_UTF8.decode(bytes);
    // every U+FFFD before the first bad sequence was written as such (EF BF BD)
    for (let k = text.indexOf('\uFFFD'); k >= 0; k = text.indexOf('\uFFFD', k + 1)) {
      const at = ENCODER.encode(text.slice(0, k)).length;
      if (bytes[at] !== 0xef || bytes[at + 1] !== 0xbf || bytes[at + 2] !== 0xbd) return { text, invalid: { byte: at, index: k } };
    }
    return { text, invalid: { byte: bytes.length, index: text.length } };
  }
}

function decodeFormComponent(text: string): string {
  return decodeURIComponent(text.replace(/\+/g, ' '));
}

/**
 * The name=value pairs of application/x-www-form-urlencoded text (a query string, a form
 * body), percent-decoded as UTF-8 (`+` is a space). Throws URIError where the
 * percent-encoding is not UTF-8 (`%ff`, an encoded surrogate), which a decoder that
 * falls back to the raw text would let through unchanged.
 */
export function formEncodedPairs(text: string): Array<[name: string, value: string]> {
  return text.split('&').map((pair) => {
    const at = pair.indexOf('=');
    return at < 0 ? [decodeFormComponent(pair), ''] : [decodeFormComponent(pair.slice(0, at)), decodeFormComponent(pair.slice(at + 1))];
  });
}
