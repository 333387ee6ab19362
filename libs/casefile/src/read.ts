import { open } from 'node:fs/promises';
import type { FieldProblem } from '@mapwork/kernel/errors';
import { pointerSegment } from '@mapwork/kernel/json-input';

/** Something the file can be read from more than once: a path, or its bytes (whole, or in pieces as they arrived). */
export type CaseFileSource = { path: string } | { bytes: Buffer | readonly Buffer[] };

/** A file that is not one JSON object in UTF-8, or that gives a member of it twice: reading stops. */
export class MalformedJsonError extends Error {
  constructor(
    message: string,
    readonly pointer = '',
    readonly rule = 'json',
  ) {
    super(message);
  }

  get problem(): FieldProblem {
    return { pointer: this.pointer, rule: this.rule, message: this.message };
  }
}

export interface CaseFileReading {
  /**
   * Called once, when `cases` opens (never when the file has no `cases` array), with the
   * file's own fields read so far: all of them in a file that writes them first, as every
   * export does.
   */
  beforeCases?: (fieldsSoFar: Readonly<Record<string, unknown>>) => void | Promise<void>;
  /**
   * Each element of `cases`, parsed, in order; reading waits while it is busy.
   * `unusualText` tells whether its strings may hold a UTF-16 surrogate or U+0000: its
   * text has a character beyond U+FFFF, a `\uD800`–`\uDFFF` escape (the only way strictly
   * UTF-8 JSON can spell an unpaired surrogate) or a `\u0000` escape (the only way JSON
   * can spell U+0000). Without, every string's length is its number of characters, and
   * none breaks the text rules (textProblems). Without `onCase` the elements are skipped
   * unparsed (and unchecked), a quick way to the file's own fields.
   */
  onCase?: (value: unknown, index: number, unusualText: boolean) => void | Promise<void>;
}

const CHUNK = 1 << 20;
const BOM = [0xef, 0xbb, 0xbf];
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
/** a byte that ends a number or a literal */
const endsScalar = (b: number) => isSpace(b) || b === COMMA || b === CLOSE_OBJECT || b === CLOSE_ARRAY;
/** `d` or `D` then one of `89abcdefABCDEF`: the first two hex digits of a surrogate */
const isSurrogateHex = (h1: number, h2: number) => (h1 | 0x20) === 0x64 && ((h2 >= 0x38 && h2 <= 0x39) || ((h2 | 0x20) >= 0x61 && (h2 | 0x20) <= 0x66));
const ZERO = 0x30;
/** Whether the escape at `at` (a backslash) is `\u0000`, a `\uD800`–`\uDFFF` one, or cut by the chunk's end (at worst a needless check). */
const unusualEscape = (buf: Buffer, at: number) =>
  at + 5 >= buf.length || (buf[at + 1] === 0x75 && (isSurrogateHex(buf[at + 2], buf[at + 3]) || (buf[at + 2] === ZERO && buf[at + 3] === ZERO && buf[at + 4] === ZERO && buf[at + 5] === ZERO)));

/** Where the splitter is in the file's one object. */
const enum At {
  Start,
  ObjectOpened,
  BeforeKey,
  Key,
  AfterKey,
  BeforeValue,
  Value,
  AfterValue,
  CasesOpened,
  BeforeCase,
  Case,
  AfterCase,
  End,
}

/** What `next` stopped for. */
const enum Found {
  NeedBytes,
  Member,
  CasesStart,
  Case,
}

/**
 * Splits the bytes of a case file, chunk by chunk, into the members of its one object and
 * the elements of its `cases` array without parsing them: it follows strings and brackets
 * only as far as needed to find where each value ends. Each value's bytes are then decoded
 * (strict UTF-8) and given to JSON.parse, which checks everything inside them; what lies
 * between values (member names, colons, commas, white space) is checked here, so a file
 * that passes both is valid JSON. Memory: the current chunk and the value being read.
 */
class CaseFileSplitter {
  private chunk: Buffer = Buffer.alloc(0);
  private i = 0;
  /** bytes of the file before the current chunk */
  private offset = 0;
  private at = At.Start;
  private bomBytes = 0;
  private found = Found.NeedBytes;
  private readonly names = new Set<string>();
  private name = '';
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });

  // the value being read: where it starts, its bytes from earlier chunks, the scan's state
  private start = -1;
  private startInFile = 0;
  private parts: Buffer[] = [];
  private scalar = false;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private unusual = false;
  /** the first backslash in the chunk at or after where strings were last searched (-1: none left; -2: not searched yet) */
  private backslash = -2;
  /** the same for the first byte of a 4-byte UTF-8 sequence (a character beyond U+FFFF) */
  private astral = -2;

  /** What was found: a member of the object (name, value), or a case (index, value). */
  memberName = '';
  caseIndex = -1;
  value: unknown = undefined;
  valueHasUnusualText = false;

  constructor(private readonly parseCases: boolean) {}

  push(chunk: Buffer) {
    this.offset += this.chunk.length;
    this.chunk = chunk;
    this.i = 0;
    this.backslash = -2;
    this.astral = -2;
    if (this.start >= 0) this.start = 0;
  }

  /** Reads on until something is found or the chunk is used up. */
  next(): Found {
    const buf = this.chunk;
    const n = buf.length;
    let i = this.i;
    try {
      while (i < n) {
        const b = buf[i];
        switch (this.at) {
          case At.Start:
            // a UTF-8 byte order mark: RFC 8259 section 8.1 lets a parser ignore it
            if (this.offset + i === this.bomBytes && b === BOM[this.bomBytes]) {
              this.bomBytes++;
              break;
            }
            if (this.bomBytes % 3) this.fail(i, 'the file starts with a broken byte order mark');
            if (isSpace(b)) break;
            if (b !== OPEN_OBJECT) this.fail(i, 'a case file is one JSON object');
            this.at = At.ObjectOpened;
            break;
          case At.ObjectOpened:
          case At.BeforeKey:
            if (isSpace(b)) break;
            if (b === CLOSE_OBJECT && this.at === At.ObjectOpened) this.at = At.End;
            else if (b !== QUOTE) this.fail(i, this.at === At.ObjectOpened ? 'expected a member name or }' : 'expected a member name');
            else {
              this.begin(i, false);
              this.at = At.Key;
              continue;
            }
            break;
          case At.AfterKey:
            if (isSpace(b)) break;
            if (b !== COLON) this.fail(i, 'expected : after a member name');
            this.at = At.BeforeValue;
            break;
          case At.BeforeValue:
            if (isSpace(b)) break;
            if (this.name === 'cases' && b === OPEN_ARRAY) {
              this.at = At.CasesOpened;
              i++;
              return Found.CasesStart;
            }
            this.begin(i, this.isScalar(i, b));
            this.at = At.Value;
            continue;
          case At.AfterValue:
            if (isSpace(b)) break;
            if (b === COMMA) this.at = At.BeforeKey;
            else if (b === CLOSE_OBJECT) this.at = At.End;
            else this.fail(i, 'expected , or } after a member');
            break;
          case At.CasesOpened:
          case At.BeforeCase:
            if (isSpace(b)) break;
            if (b === CLOSE_ARRAY && this.at === At.CasesOpened) {
              this.at = At.AfterValue;
              break;
            }
            this.begin(i, this.isScalar(i, b));
            this.at = At.Case;
            continue;
          case At.AfterCase:
            if (isSpace(b)) break;
            if (b === COMMA) this.at = At.BeforeCase;
            else if (b === CLOSE_ARRAY) this.at = At.AfterValue;
            else this.fail(i, 'expected , or ] after a case');
            break;
          case At.Key:
          case At.Value:
          case At.Case: {
            i = this.scan(buf, i);
            const found = this.found;
            if (found !== Found.NeedBytes) {
              this.found = Found.NeedBytes;
              return found;
            }
            continue;
          }
          case At.End:
            if (!isSpace(b)) this.fail(i, 'nothing may follow the object');
            break;
        }
        i++;
      }
      return Found.NeedBytes;
    } finally {
      this.i = i;
    }
  }

  /** The end of the file: anything still open is an error. */
  finish() {
    if (this.at !== At.End) this.fail(this.chunk.length, this.at === At.Start ? 'the file is empty' : 'the file ends before its object does');
  }

  private isScalar(i: number, b: number): boolean {
    if (b === OPEN_OBJECT || b === OPEN_ARRAY || b === QUOTE) return false;
    if (b === COMMA || b === COLON || b === CLOSE_ARRAY || b === CLOSE_OBJECT) this.fail(i, 'expected a value');
    return true;
  }

  private begin(i: number, scalar: boolean) {
    this.start = i;
    this.startInFile = this.offset + i;
    this.parts = [];
    this.scalar = scalar;
    this.depth = 0;
    this.inString = false;
    this.escaped = false;
    this.unusual = false;
  }

  /**
   * Follows the value from `i` and returns where it ends (just past it), or the chunk's
   * length with the value still open. Inside strings it jumps from quote to quote (and
   * backslash to backslash) with Buffer#indexOf; UTF-8 never uses these bytes inside a
   * multi-byte character.
   */
  private scan(buf: Buffer, i: number): number {
    const n = buf.length;
    if (this.scalar) {
      while (i < n && !endsScalar(buf[i])) i++;
      return i < n ? this.complete(buf, i) : this.carry(buf);
    }
    let depth = this.depth;
    let inString = this.inString;
    let backslash = this.backslash;
    if (this.escaped) {
      this.escaped = false;
      i++;
    }
    while (i < n) {
      if (inString) {
        const quote = buf.indexOf(QUOTE, i);
        if (backslash !== -1 && backslash < i) backslash = buf.indexOf(BACKSLASH, i);
        if (backslash !== -1 && (quote === -1 || backslash < quote)) {
          if (unusualEscape(buf, backslash)) this.unusual = true;
          i = backslash + 2;
          if (i > n) this.escaped = true;
          continue;
        }
        if (quote === -1) {
          i = n;
          break;
        }
        inString = false;
        i = quote + 1;
        if (depth === 0) {
          this.backslash = backslash;
          return this.complete(buf, i);
        }
        continue;
      }
      const b = buf[i++];
      if (b === QUOTE) inString = true;
      else if (b === OPEN_OBJECT || b === OPEN_ARRAY) depth++;
      else if ((b === CLOSE_OBJECT || b === CLOSE_ARRAY) && --depth === 0) {
        this.backslash = backslash;
        return this.complete(buf, i);
      }
    }
    this.backslash = backslash;
    this.depth = depth;
    this.inString = inString;
    return this.carry(buf);
  }

  /** Whether bytes `from`…`to` of the chunk hold the start of a character beyond U+FFFF (a surrogate pair in UTF-16). */
  private hasAstral(buf: Buffer, from: number, to: number): boolean {
    if (this.astral !== -1 && this.astral < from) {
      let first = -1;
      for (let lead = 0xf0; lead <= 0xf4; lead++) {
        const at = buf.indexOf(lead, from);
        if (at !== -1 && (first === -1 || at < first)) first = at;
      }
      this.astral = first;
    }
    return this.astral !== -1 && this.astral < to;
  }

  /** The value goes on in the next chunk: keep its bytes so far (a skipped case's are not needed). */
  private carry(buf: Buffer): number {
    if (this.at === At.Case && this.parseCases && this.hasAstral(buf, this.start, buf.length)) this.unusual = true;
    if (this.parseCases || this.at !== At.Case) this.parts.push(Buffer.from(buf.subarray(this.start)));
    this.start = 0;
    return buf.length;
  }

  /** The value ends just before `end`: decode and parse it. */
  private complete(buf: Buffer, end: number): number {
    const start = this.start;
    const last = buf.subarray(start, end);
    const bytes = this.parts.length ? Buffer.concat([...this.parts, last]) : last;
    this.parts = [];
    this.start = -1;
    if (this.at === At.Key) {
      this.name = this.parse(bytes) as string;
      if (this.names.has(this.name)) {
        // the cases of a first `cases` would already have been read: no "last one wins" here
        const pointer = `/${pointerSegment(this.name)}`;
        throw new MalformedJsonError(`the member ${JSON.stringify(this.name)} is given twice (I-JSON: member names are unique)`, pointer, 'i-json');
      }
      this.names.add(this.name);
      this.at = At.AfterKey;
    } else if (this.at === At.Value) {
      this.memberName = this.name;
      this.value = this.parse(bytes);
      this.found = Found.Member;
      this.at = At.AfterValue;
    } else {
      this.caseIndex++;
      this.value = this.parseCases ? this.parse(bytes) : undefined;
      this.valueHasUnusualText = this.unusual || (this.parseCases && this.hasAstral(buf, start, end));
      this.found = Found.Case;
      this.at = At.AfterCase;
    }
    return end;
  }

  private parse(bytes: Buffer): unknown {
    let text: string;
    try {
      text = this.decoder.decode(bytes);
    } catch {
      throw this.error(this.startInFile, 'the bytes of the value that starts here are not UTF-8');
    }
    try {
      return JSON.parse(text);
    } catch (e) {
      // V8 may quote the text, and does not always say where: what a case file says stays out of messages
      const what = (e as Error).message.replace(/ in JSON at position.*$/s, '').replace(/, ".*" is not valid JSON$/s, '').toLowerCase();
      const position = syntaxErrorAt(text);
      throw this.error(this.startInFile + Buffer.byteLength(text.slice(0, Math.max(position, 0))), position < 0 ? `${what} in the value that starts here` : what);
    }
  }

  private fail(i: number, what: string): never {
    throw this.error(this.offset + i, what);
  }

  private error(byte: number, what: string): MalformedJsonError {
    return Object.assign(new MalformedJsonError(`the file is not valid JSON: ${what}`), { byte });
  }
}

const NUMBER_OR_LITERAL = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false|null/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

/** The index of the first character of `text` that cannot continue JSON (-1: none); for messages only. */
function syntaxErrorAt(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw i;
  };
  const space = () => {
    while (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t') i++;
  };
  const string = () => {
    for (i++; text[i] !== '"'; ) {
      if (i >= text.length || text.charCodeAt(i) < 0x20) fail();
      if (text[i] !== '\\') i++;
      else if (((ESCAPE.lastIndex = i), ESCAPE.test(text))) i = ESCAPE.lastIndex;
      else fail();
    }
    i++;
  };
  const members = (close: string, member: () => void) => {
    i++;
    space();
    if (text[i] === close) return void i++;
    for (;;) {
      member();
      space();
      if (text[i] === close) return void i++;
      if (text[i] !== ',') fail();
      i++;
      space();
    }
  };
  const value = (): void => {
    space();
    if (text[i] === '{') {
      members('}', () => {
        if (text[i] !== '"') fail();
        string();
        space();
        if (text[i] !== ':') fail();
        i++;
        value();
      });
    } else if (text[i] === '[') members(']', value);
    else if (text[i] === '"') string();
    else if (((NUMBER_OR_LITERAL.lastIndex = i), NUMBER_OR_LITERAL.test(text))) i = NUMBER_OR_LITERAL.lastIndex;
    else fail();
  };
  try {
    value();
    space();
    if (i < text.length) fail();
    return -1;
  } catch (at) {
    return typeof at === 'number' ? at : -1; // nesting too deep to follow: no position
  }
}

async function* chunksOf(source: CaseFileSource): AsyncGenerator<Buffer> {
  if ('bytes' in source) {
    yield* Buffer.isBuffer(source.bytes) ? [source.bytes] : source.bytes;
    return;
  }
  const file = await open(source.path, 'r');
  try {
    for (;;) {
      const chunk = Buffer.allocUnsafe(CHUNK);
      const { bytesRead } = await file.read(chunk, 0, CHUNK, null);
      if (bytesRead === 0) return;
      yield bytesRead < CHUNK ? chunk.subarray(0, bytesRead) : chunk;
    }
  } finally {
    await file.close();
  }
}

/** "line L, column C" of a byte of the file, both from 1, the column in characters. */
async function lineAndColumn(source: CaseFileSource, byte: number): Promise<string> {
  let line = 1;
  let lineStart: Buffer[] = [];
  let seen = 0;
  for await (const chunk of chunksOf(source)) {
    const upTo = Math.min(chunk.length, byte - seen);
    let from = 0;
    for (let nl = chunk.indexOf(0x0a); nl !== -1 && nl < upTo; nl = chunk.indexOf(0x0a, nl + 1)) {
      line++;
      from = nl + 1;
      lineStart = [];
    }
    lineStart.push(Buffer.from(chunk.subarray(from, Math.max(from, upTo))));
    seen += chunk.length;
    if (seen >= byte) break;
  }
  return `line ${line}, column ${[...Buffer.concat(lineStart).toString('utf8')].length + 1}`;
}

/**
 * Reads a case file in one pass: `onCase` receives each element of `cases` as soon as it
 * is complete, and the promise resolves to the file's own fields, with `cases` emptied if
 * it is an array. Memory stays bounded by one case and a chunk of the file, whatever its
 * size. A leading UTF-8 byte order mark is ignored; a member given twice is refused.
 */
export async function scanCaseFile(source: CaseFileSource, reading: CaseFileReading = {}): Promise<Record<string, unknown>> {
  const splitter = new CaseFileSplitter(reading.onCase !== undefined);
  const fields: Record<string, unknown> = {};
  try {
    for await (const chunk of chunksOf(source)) {
      splitter.push(chunk);
      for (let found = splitter.next(); found !== Found.NeedBytes; found = splitter.next()) {
        // defined, not assigned: a member named __proto__ is a field like any other, as JSON.parse makes it
        if (found === Found.Member) Object.defineProperty(fields, splitter.memberName, { value: splitter.value, enumerable: true, writable: true, configurable: true });
        else if (found === Found.CasesStart) {
          fields.cases = [];
          await reading.beforeCases?.(fields);
        } else await reading.onCase?.(splitter.value, splitter.caseIndex, splitter.valueHasUnusualText);
      }
    }
    splitter.finish();
  } catch (e) {
    const byte = (e as { byte?: unknown }).byte;
    if (e instanceof MalformedJsonError && typeof byte === 'number') {
      throw new MalformedJsonError(`${e.message} at byte ${byte} (${await lineAndColumn(source, byte)})`, e.pointer, e.rule);
    }
    throw e;
  }
  return fields;
}
