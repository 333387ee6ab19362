import fc from 'fast-check';

/**
 * Arbitraries for hostile requests, driven by the server's own OpenAPI document: bodies
 * shaped like each operation's schema with wrong types, extreme numbers, edge-case text
 * and prototype keys mixed in; raw bodies that are not what they claim; path and query
 * values with percent-encoding garbage and traversal.
 */

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

interface Operation {
  parameters?: Array<{ name: string; in: string; schema?: Schema }>;
  requestBody?: { content: Record<string, { schema: Schema }> };
}

export interface Schema {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  maxLength?: number;
}

/** Text that has broken servers: NUL, unpaired surrogates, direction overrides, long and odd strings. */
export const EVIL_TEXT: string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udc00y',
  '\ud83d',
  '\u202eevil\u202c',
  'עברית مرحبا',
  '\u200b\ufeff',
  '😀👨‍👩‍👧',
  'İı ß ﬁ',
  '\r\n\t',
  'x'.repeat(5000),
  'y'.repeat(70_000),
  '../../../../etc/passwd',
  '..\\..\\windows',
  '%00',
  '%ff',
  '__proto__',
  'constructor',
  'prototype',
  "' OR '1'='1' --",
  '{"$gt":""}',
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  'null',
  'NaN',
  '-1',
  '0',
  '1e309',
  '99999999999999999999999',
  '2020-02-30',
  '2019-01-20T10:02:11+01:00',
  '00000000-0000-0000-0000-000000000000',
];

export const EVIL_NUMBERS: number[] = [0, -1, -0, 0.5, 1e21, -1e21, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, Number.MIN_VALUE, 999_999_999_999];

/** Percent-encoding as it arrives in a URL: some of it not UTF-8, some of it traversal. */
export const RAW_URL_GARBAGE: string[] = ['%', '%zz', '%ff', '%c0%80', '%ED%A0%80', '%e0%a4%a', '%00', '%2e%2e%2f%2e%2e%2fadmin', '..', '.', '%252e', 'a%2fb', '%u0041', '+', '%20', '~'];

const evilText = fc.constantFrom(...EVIL_TEXT);

/** Any JSON value of a type nobody expects at that place. */
export const evilValue: fc.Arbitrary<unknown> = fc.oneof(
  evilText,
  fc.constantFrom(...EVIL_NUMBERS),
  fc.constantFrom(null, true, false, [], {}, [[]], [[{}]], [null]),
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

function resolve(schema: Schema, doc: OpenApiDocument): Schema {
  let s = schema;
  for (let i = 0; i < 10; i++) {
    if (s.$ref) s = doc.components.schemas[s.$ref.replace('#/components/schemas/', '')] ?? {};
    else if (s.allOf?.length === 1 && !s.properties) s = { ...s.allOf[0], ...s, allOf: undefined };
    else break;
  }
  return s;
}

function plausible(schema: Schema, doc: OpenApiDocument, depth: number): fc.Arbitrary<unknown> {
  const s = resolve(schema, doc);
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  if (s.properties && depth < 6) {
    const shape: Record<string, fc.Arbitrary<unknown>> = {};
    for (const [name, child] of Object.entries(s.properties)) shape[name] = valueOf(child, doc, depth + 1);
    return fc.record(shape, { requiredKeys: s.required ?? [] });
  }
  switch (s.type) {
    case 'array':
      return fc.array(valueOf(s.items ?? {}, doc, depth + 1), { maxLength: 3 });
    case 'integer':
    case 'number':
      return fc.oneof(fc.integer({ min: -5, max: 20 }), fc.constantFrom(...EVIL_NUMBERS));
    case 'boolean':
      return fc.boolean();
    case 'string':
      if (s.format === 'date') return fc.constantFrom('2020-01-06', '2019-02-29', '2020-02-29', '0000-01-01');
      if (s.format === 'date-time') return fc.constantFrom('2020-01-06T09:00:00Z', '2020-01-06T09:00:00.123Z', '9999-12-31T23:59:59Z');
      return fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('S1', 'S1-0001', 'Team A', 'm1', 'p1', 'c1', 'worker'));
    default:
      // a free-form object, or a nullable string the document calls an object
      return fc.oneof(fc.string({ maxLength: 20 }), fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }));
  }
}

/** A value for a schema: usually of its shape, sometimes null, sometimes anything at all. */
export function valueOf(schema: Schema, doc: OpenApiDocument, depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 6, arbitrary: plausible(schema, doc, depth) }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: evilValue });
}

/** A request body as bytes with a Content-Type: the schema's shape gone wrong, or bytes that are not JSON at all. */
export function bodyFor(schema: Schema | undefined, doc: OpenApiDocument): fc.Arbitrary<{ contentType: string | null; bytes: Buffer }> {
  const deep = (n: number) => `{"data":${'['.repeat(n)}${']'.repeat(n)}}`;
  const jsonBytes = (schema ? valueOf(schema, doc) : evilValue).map((v) => Buffer.from(JSON.stringify(v) ?? 'null'));
  const rawBytes = fc.oneof(
    fc.constantFrom(
      deep(10_000),
      deep(65),
      '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
      '{"version":1e400,"id":-0}',
      '{"a":1,"a":2}',
      '{"data": ',
      '\u0000',
      '"\\ud800"',
      '[]',
      'null',
      '',
    ).map((s) => Buffer.from(s)),
    fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)),
    fc.tuple(jsonBytes, fc.nat(), fc.constantFrom([0xff], [0xed, 0xa0, 0x80], [0xc3], [0x00])).map(([json, at, bad]) => {
      const cut = at % (json.length + 1);
      return Buffer.concat([json.subarray(0, cut), Buffer.from(bad), json.subarray(cut)]);
    }),
  );
  const contentType = fc.oneof(
    { weight: 6, arbitrary: fc.constant('application/json') },
    { weight: 1, arbitrary: fc.constantFrom(null, 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', 'application/json; charset=latin1', 'application/merge-patch+json', 'image/png', 'application/pdf') },
  );
  return fc.record({ contentType, bytes: fc.oneof({ weight: 3, arbitrary: jsonBytes }, { weight: 2, arbitrary: rawBytes }) });
}

/** A path parameter as it goes into the URL: usually the real one, sometimes edge-case text encoded, sometimes raw garbage. */
export function pathValue(real: string): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant(encode(real)) },
    { weight: 2, arbitrary: evilText.map((s) => encode(s.slice(0, 300))) },
    { weight: 2, arbitrary: fc.constantFrom(...RAW_URL_GARBAGE) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }).map(encode) },
  );
}

/** A query string: the operation's own parameters and some it does not have, with good, odd and malformed values. */
export function queryFor(names: string[]): fc.Arbitrary<string> {
  const name = fc.oneof({ weight: 3, arbitrary: names.length ? fc.constantFrom(...names) : fc.constant('page') }, { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'a[b]', 'x[__proto__][y]', 'unknown') });
  const value = fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom('1', '2', 'S1', 'S1-0001', 'true', '2020-01-06T09:00:00Z', 'json', 'html', 'site', 'parent', 'T1').map(encode) },
    { weight: 2, arbitrary: evilText.map((s) => encode(s.slice(0, 300))) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_URL_GARBAGE) },
  );
  return fc.array(fc.tuple(name, value), { maxLength: 4 }).map((pairs) => pairs.map(([n, v]) => `${encode(n)}=${v}`).join('&'));
}

/** Percent-encodes text, an unpaired surrogate as its UTF-8 replacement. */
export function encode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
  }
}

/** The query parameters and body schema of one operation. */
export function operationOf(doc: OpenApiDocument, path: string, method: string): { query: string[]; body?: Schema; binary: boolean } {
  const op = doc.paths[path][method];
  const content = op.requestBody?.content ?? {};
  return {
    query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
    body: content['application/json']?.schema,
    binary: !content['application/json'] && Object.keys(content).length > 0,
  };
}
