import Ajv2020, { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { recordReferenceProblems } from '@mapwork/casework/references';
import type { FieldProblem } from '@mapwork/kernel/errors';
import { instantToMillis } from '@mapwork/kernel/time';
import schema from './schema/casefile.schema.json';
import { CaseFileCase } from './format';

/**
 * Validation of `sofs-casefile/1` against the project's own copy of the schema (ajv,
 * JSON Schema 2020-12, `format` asserted) and the rules of the format page that a
 * schema cannot say. Works case by case, so a large file can be checked while streaming.
 */
// the schema is ours and fixed (a unit test checks it against the meta-schema): not checking it at every start saves compiling the meta-schema
const ajv = new Ajv2020({ allErrors: true, strict: false, unicodeRegExp: true, validateSchema: false });
addFormats(ajv, ['date', 'date-time']);
ajv.addSchema(schema);

const validateDocument: ValidateFunction = ajv.getSchema('sofs-casefile/1')!;
const validateCaseShape: ValidateFunction = ajv.compile({ $ref: 'sofs-casefile/1#/$defs/case' });

function escape(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

function toProblems(errors: ErrorObject[] | null | undefined, base: string): FieldProblem[] {
  const out: FieldProblem[] = [];
  const seen = new Set<string>();
  for (const e of errors ?? []) {
    if (e.keyword === 'if') continue;
    let pointer = base + e.instancePath;
    if (e.keyword === 'additionalProperties') pointer += `/${escape((e.params as { additionalProperty: string }).additionalProperty)}`;
    if (e.keyword === 'required') pointer += `/${escape((e.params as { missingProperty: string }).missingProperty)}`;
    // the same rule names as request validation, where the two overlap
    const rule = e.keyword === 'format' ? `format:${(e.params as { format: string }).format}` : e.keyword === 'additionalProperties' ? 'unknownProperty' : e.keyword;
    const key = `${pointer}\u0000${rule}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ pointer, rule, message: e.keyword === 'additionalProperties' ? 'no properties beyond the schema' : (e.message ?? rule) });
  }
  return out;
}

const LONE_SURROGATE = /\p{Cs}/u;

/** Whether any string or property name in a parsed value has an unpaired surrogate. */
function breaksIJson(value: unknown): boolean {
  if (typeof value === 'string') return LONE_SURROGATE.test(value);
  if (Array.isArray(value)) return value.some(breaksIJson);
  if (value && typeof value === 'object') {
    for (const k in value) if (LONE_SURROGATE.test(k) || breaksIJson((value as Record<string, unknown>)[k])) return true;
  }
  return false;
}

/** I-JSON (RFC 7493): no string, and no property name, with an unpaired surrogate. */
function iJsonProblems(value: unknown, pointer: string, out: FieldProblem[]): void {
  if (!breaksIJson(value)) return; // the common case, without building a pointer for every value
  if (typeof value === 'string') {
    out.push({ pointer, rule: 'i-json', message: 'the string has an unpaired surrogate (not I-JSON)' });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => iJsonProblems(v, `${pointer}/${i}`, out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (LONE_SURROGATE.test(k)) out.push({ pointer: `${pointer}/${escape(k)}`, rule: 'i-json', message: 'the property name has an unpaired surrogate (not I-JSON)' });
      iJsonProblems(v, `${pointer}/${escape(k)}`, out);
    }
  }
}

/** The file's own fields (everything but the cases). */
export function headerProblems(header: Record<string, unknown>): FieldProblem[] {
  const cases = header.cases;
  const problems = toProblems(validateDocument({ ...header, cases: Array.isArray(cases) ? [] : cases }) ? [] : validateDocument.errors, '');
  const out: FieldProblem[] = [];
  const { cases: _ignored, ...rest } = header;
  iJsonProblems(rest, '', out);
  return [...problems, ...out];
}

function uniqueIds(items: unknown, base: string, rule: string, what: string, out: FieldProblem[]) {
  if (!Array.isArray(items)) return;
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const id = (item as { id?: unknown })?.id;
    if (typeof id !== 'string') return;
    if (seen.has(id)) out.push({ pointer: `${base}/${i}/id`, rule, message: `${what} id ${id} is used twice` });
    seen.add(id);
  });
}

/**
 * One case at `/cases/{index}`: its shape, then the rules of the format page. `refs`
 * collects the refs seen so far in the file, for uniqueness across cases. A reader that
 * knows the case's JSON text has no `\uD800`–`\uDFFF` escape (the only way UTF-8 JSON
 * can spell an unpaired surrogate) says so with `surrogateEscapes: false`, and the
 * I-JSON check of every string is skipped.
 */
export function caseProblems(c: unknown, index: number, refs: Set<string>, text: { surrogateEscapes?: boolean } = {}): FieldProblem[] {
  const base = `/cases/${index}`;
  const out = validateCaseShape(c) ? [] : toProblems(validateCaseShape.errors, base);
  if (text.surrogateEscapes !== false) iJsonProblems(c, base, out);
  if (!c || typeof c !== 'object') return out;
  const kase = c as Partial<CaseFileCase>;

  if (typeof kase.ref === 'string') {
    if (refs.has(kase.ref)) out.push({ pointer: `${base}/ref`, rule: 'uniqueRef', message: `case ref ${kase.ref} is used twice in the site` });
    refs.add(kase.ref);
  }
  uniqueIds(kase.people, `${base}/people`, 'uniquePersonId', 'person', out);
  uniqueIds(kase.records, `${base}/records`, 'uniqueRecordId', 'record', out);

  const people = new Map<string, string>();
  for (const p of Array.isArray(kase.people) ? kase.people : []) {
    if (p && typeof p.id === 'string' && typeof p.role === 'string' && !people.has(p.id)) people.set(p.id, p.role);
  }

  (Array.isArray(kase.records) ? kase.records : []).forEach((record, r) => {
    if (!record || !Array.isArray(record.revisions)) return;
    let previous: number | null = null;
    record.revisions.forEach((rev, v) => {
      const at = `${base}/records/${r}/revisions/${v}`;
      if (rev && typeof rev.at === 'string') {
        let ms: number | null = null;
        try {
          ms = instantToMillis(rev.at);
        } catch {
          ms = null; // the shape check has reported it
        }
        if (ms !== null) {
          if (previous !== null && ms <= previous) {
            out.push({ pointer: `${at}/at`, rule: 'revisionsInTimeOrder', message: 'revisions must have strictly increasing instants' });
          }
          previous = ms;
        }
      }
      const data = rev?.data as Record<string, unknown> | null | undefined;
      if (!data || typeof data !== 'object' || Array.isArray(data)) return;
      if (record.type === 'mapping') {
        uniqueIds(data.dangerStatements, `${at}/data/dangerStatements`, 'uniqueDangerStatementId', 'danger statement', out);
        uniqueIds(data.safetyGoals, `${at}/data/safetyGoals`, 'uniqueSafetyGoalId', 'safety goal', out);
      }
      try {
        const problems = recordReferenceProblems(record.type, data as never, { people, goalsMustAddressKnownStatements: false });
        for (const p of problems) {
          if (p.rule === 'uniqueId') continue; // reported above with the format's rule names
          out.push({ ...p, pointer: `${at}/data${p.pointer}` });
        }
      } catch {
        // malformed data the shape check has reported
      }
    });
  });
  return out;
}

/** A whole parsed file: every problem, or none. */
export function caseFileProblems(doc: unknown): FieldProblem[] {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return [{ pointer: '', rule: 'type', message: 'a case file is a JSON object' }];
  const header = doc as Record<string, unknown>;
  const out = headerProblems(header);
  if (Array.isArray(header.cases)) {
    const refs = new Set<string>();
    header.cases.forEach((c, i) => out.push(...caseProblems(c, i, refs)));
  }
  return out;
}
