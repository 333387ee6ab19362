import Ajv2020, { ErrorObject, Options, ValidateFunction } from 'ajv/dist/2020';
import { fullFormats } from 'ajv-formats/dist/formats';
import { recordReferenceProblems } from '@mapwork/casework/references';
import type { FieldProblem } from '@mapwork/kernel/errors';
import { instantToMillis, isCalendarDate, isInstant } from '@mapwork/kernel/time';
import schema from './schema/casefile.schema.json';
import { CaseFileCase } from './format';

/**
 * Validation of `sofs-casefile/1` against the project's own copy of the schema (ajv,
 * JSON Schema 2020-12, `format` asserted) and the rules of the format page that a
 * schema cannot say. Works case by case, so a large file can be checked while streaming.
 */
interface Validators {
  document: ValidateFunction;
  caseShape: ValidateFunction;
}

const ajvDateTime = (fullFormats['date-time'] as { validate: (s: string) => boolean }).validate;

function compile(options: Options): Validators {
  // the schema is ours and fixed (a unit test checks it against the meta-schema): not checking it at each start saves compiling the meta-schema
  const ajv = new Ajv2020({ allErrors: true, strict: false, unicodeRegExp: true, validateSchema: false, ...options });
  // ajv-formats' `date` and `date-time` (full mode), read by the kernel's own checks where the text has the format's shape:
  // its `date` is exactly isCalendarDate, and its `date-time` holds for every instant of the format
  ajv.addFormat('date', isCalendarDate);
  ajv.addFormat('date-time', (s: string) => isInstant(s) || ajvDateTime(s));
  ajv.addSchema(schema);
  return { document: ajv.getSchema('sofs-casefile/1')!, caseShape: ajv.compile({ $ref: 'sofs-casefile/1#/$defs/case' }) };
}

/**
 * Two compilations. The usual one counts maxLength in UTF-16 units (ajv 8's deprecated
 * `unicode: false`), which equals JSON Schema's count of characters for strings without
 * surrogates and spares a loop over every character: it checks only what is known to have
 * none. Anything else, the exact one (compiled when first needed). Should a later ajv drop
 * the option, lengths are counted in characters everywhere: slower, never wrong.
 */
const quietAboutUnicode = { log: () => undefined, warn: (m: unknown) => void (/option unicode/.test(String(m)) || console.warn(m)), error: console.error };
// compiled when first needed: what only scores or serves stored cases never pays for it
let withoutSurrogates: Validators | undefined;
let exact: Validators | undefined;
const validators = (surrogates: boolean) => (surrogates ? (exact ??= compile({})) : (withoutSurrogates ??= compile({ unicode: false, logger: quietAboutUnicode })));

const SURROGATE = /[\uD800-\uDFFF]/;

/** Whether any string or property name in a parsed value has a UTF-16 surrogate, paired or not. */
function holdsSurrogates(value: unknown): boolean {
  if (typeof value === 'string') return SURROGATE.test(value);
  if (Array.isArray(value)) return value.some(holdsSurrogates);
  if (value && typeof value === 'object') {
    for (const k in value) if (SURROGATE.test(k) || holdsSurrogates((value as Record<string, unknown>)[k])) return true;
  }
  return false;
}

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

/** I-JSON (RFC 7493): no string, and no property name, with an unpaired surrogate. Called where surrogates were seen. */
function iJsonProblems(value: unknown, pointer: string, out: FieldProblem[]): void {
  if (typeof value === 'string') {
    if (!LONE_SURROGATE.test(value)) return;
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
  const { cases, ...rest } = header;
  const surrogates = holdsSurrogates(rest);
  const { document } = validators(surrogates);
  const problems = toProblems(document({ ...header, cases: Array.isArray(cases) ? [] : cases }) ? [] : document.errors, '');
  if (surrogates) iJsonProblems(rest, '', problems);
  return problems;
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
 * knows no string of the case holds a UTF-16 surrogate (its text has no character beyond
 * U+FFFF and no `\uD800`–`\uDFFF` escape; see scanCaseFile) says `surrogates: false`,
 * and the checks that only surrogates can fail are skipped; otherwise they are looked for.
 */
export function caseProblems(c: unknown, index: number, refs: Set<string>, text: { surrogates?: boolean } = {}): FieldProblem[] {
  const base = `/cases/${index}`;
  const surrogates = text.surrogates ?? holdsSurrogates(c);
  const { caseShape } = validators(surrogates);
  const out = caseShape(c) ? [] : toProblems(caseShape.errors, base);
  if (surrogates) iJsonProblems(c, base, out);
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
