import { TestApp, createTestApp } from './support/test-app';

type Schema = Record<string, unknown>;

/**
 * Property and item schemas that are a bare `object` on purpose, each with why. Any
 * other bare object is a mistake: a nullable string or date whose decorator lacks an
 * explicit type comes out as `object` (TypeScript records `string | null` as Object), and
 * so does a nested object without its own DTO. (A free-form object says so with
 * `additionalProperties`, and is not bare.)
 */
const FREE_FORM: Record<string, string> = {
  'get /api/v1/instruments 200 application/json[]': 'instrument definitions as loaded: documents of their own, checked whole when loaded (see LoadInstrumentDto.definition)',
};

/** Every place where a property's or an item's schema is an object of no declared shape: no properties, no additionalProperties, no reference or composition. */
function bareObjects(doc: Schema): string[] {
  const found: string[] = [];
  const visit = (schema: unknown, where: string) => {
    if (!schema || typeof schema !== 'object') return;
    const s = schema as Schema;
    const shaped = ['properties', 'additionalProperties', '$ref', 'allOf', 'oneOf', 'anyOf'].some((k) => k in s);
    if (s.type === 'object' && !shaped) found.push(where);
    for (const [name, property] of Object.entries((s.properties as Record<string, unknown>) ?? {})) visit(property, `${where}.${name}`);
    if (s.items) visit(s.items, `${where}[]`);
    if (s.additionalProperties && typeof s.additionalProperties === 'object') visit(s.additionalProperties, `${where}{}`);
    for (const k of ['allOf', 'oneOf', 'anyOf']) ((s[k] as unknown[]) ?? []).forEach((x, i) => visit(x, `${where}.${k}[${i}]`));
  };
  for (const [name, schema] of Object.entries(((doc.components as Schema).schemas as Record<string, Schema>) ?? {})) {
    for (const [property, value] of Object.entries((schema.properties as Record<string, unknown>) ?? {})) visit(value, `${name}.${property}`);
    if (schema.items) visit(schema.items, `${name}[]`);
  }
  for (const [path, operations] of Object.entries(doc.paths as Record<string, Record<string, Schema>>)) {
    for (const [method, op] of Object.entries(operations)) {
      for (const p of (op.parameters as Array<{ name: string; schema?: unknown }>) ?? []) visit(p.schema, `${method} ${path} ?${p.name}`);
      for (const [status, response] of Object.entries((op.responses as Record<string, { content?: Record<string, { schema?: Schema }> }>) ?? {})) {
        for (const [type, body] of Object.entries(response.content ?? {})) {
          const s = body.schema ?? {};
          // a response that is an object of no fixed shape is said on purpose at the operation; its properties are checked
          for (const [property, value] of Object.entries((s.properties as Record<string, unknown>) ?? {})) visit(value, `${method} ${path} ${status} ${type}.${property}`);
          if (s.items) visit(s.items, `${method} ${path} ${status} ${type}[]`);
        }
      }
    }
  }
  return found;
}

describe('the OpenAPI document (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('types every property: no bare object where a string, a date or a shape belongs', async () => {
    const doc = (await t.http().get('/api/docs-json').expect(200)).body;
    const bare = bareObjects(doc);
    expect(bare.filter((where) => !(where in FREE_FORM))).toEqual([]);
    // the allow-list names only places that exist
    expect(Object.keys(FREE_FORM).filter((where) => !bare.includes(where))).toEqual([]);
  });

  it('types every reason, note and doneOn as a string (nullable), not an object', async () => {
    const schemas = (await t.http().get('/api/docs-json').expect(200)).body.components.schemas;
    const all = Object.values<Schema>(schemas).flatMap((s) => Object.entries((s.properties as Record<string, Schema>) ?? {}));
    for (const name of ['reason', 'note', 'doneOn']) {
      const found = all.filter(([property]) => property === name).map(([, schema]) => schema);
      expect(found.length).toBeGreaterThan(0);
      for (const schema of found) expect({ name, type: schema.type }).toEqual({ name, type: 'string' });
    }
  });
});
