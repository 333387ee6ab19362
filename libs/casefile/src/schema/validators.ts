import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Ajv2020 from 'ajv/dist/2020';
import type { ValidateFunction } from 'ajv/dist/2020';
import schema from './casefile.schema.json';
import { caseFileFormats } from './formats';

/**
 * The JSON Schema of `sofs-casefile/1` as validating functions: the whole document, and
 * one case (checked as a file streams past). ajv, JSON Schema 2020-12, every error
 * reported, `format` asserted (a date must exist), patterns as ECMA-262 with `u`.
 *
 * Two variants. `exact` counts maxLength in characters, as JSON Schema does, with a loop
 * over every string. `withoutSurrogates` counts UTF-16 units (ajv 8's deprecated
 * `unicode: false`), the same count for a string without surrogates and much quicker: it
 * is for values known to have none (see caseProblems). Should a later ajv drop the
 * option, it counts characters too: slower, never wrong.
 *
 * Compiling the schema costs more than everything else a small file needs, so the build
 * writes the same functions out as code (ajv's standalone mode) beside this module in
 * dist/, and they are loaded from there; run from the sources (tests), they are compiled.
 */
export interface CaseFileValidators {
  document: ValidateFunction;
  case: ValidateFunction;
}

export const VARIANTS = ['exact', 'withoutSurrogates'] as const;
export type Variant = (typeof VARIANTS)[number];

/** The file the build writes each variant to, in a folder. */
export const precompiledFile = (variant: Variant, dir = __dirname) => join(dir, variant === 'exact' ? 'casefile.validators.js' : 'casefile.validators.without-surrogates.js');

/** ajv's warning about `unicode: false`, which is deliberate here, is kept quiet; anything else it says is not. */
const quietAboutUnicode = { log: () => undefined, warn: (m: unknown) => void (/option unicode/.test(String(m)) || console.warn(m)), error: console.error };

function compiler(variant: Variant, options: { source: boolean }): { ajv: Ajv2020; validators: CaseFileValidators } {
  // required here, not imported: with the precompiled validators ajv's compiler is never loaded
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { default: Ajv, _ } = require('ajv/dist/2020') as typeof import('ajv/dist/2020');
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    unicodeRegExp: true,
    // the schema is ours and fixed (a unit test checks it against the meta-schema): not checking it saves compiling the meta-schema
    validateSchema: false,
    ...(variant === 'withoutSurrogates' ? { unicode: false, logger: quietAboutUnicode } : {}),
    // the generated code requires the formats module beside it, as dist/ has it
    code: options.source ? { source: true, formats: _`require("./formats").caseFileFormats` } : undefined,
  });
  for (const [name, validate] of Object.entries(caseFileFormats)) ajv.addFormat(name, validate);
  ajv.addSchema(schema);
  const document = ajv.getSchema('sofs-casefile/1')!;
  // an $id with no path in it, so the $ref beside it resolves as written
  const kase = ajv.compile({ $id: 'sofs-casefile-case', $ref: 'sofs-casefile/1#/$defs/case' });
  return { ajv, validators: { document, case: kase } };
}

/** The validators compiled now, from the schema. */
export function compileValidators(variant: Variant = 'exact'): CaseFileValidators {
  return compiler(variant, { source: false }).validators;
}

/** The validators as the source of a CommonJS module exporting `document` and `case`. */
export function validatorsSource(variant: Variant): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { default: standaloneCode } = require('ajv/dist/standalone') as typeof import('ajv/dist/standalone');
  const { ajv } = compiler(variant, { source: true });
  return standaloneCode(ajv, { document: 'sofs-casefile/1', case: 'sofs-casefile-case' });
}

/** For the build: writes both variants, precompiled, to a folder (this module's, or another that has the formats module beside them). */
export function writeValidators(dir = __dirname): void {
  for (const variant of VARIANTS) writeFileSync(precompiledFile(variant, dir), validatorsSource(variant));
}

/** The precompiled validators when the build wrote them, else compiled now. */
export function loadValidators(variant: Variant): CaseFileValidators {
  const file = precompiledFile(variant);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return existsSync(file) ? (require(file) as CaseFileValidators) : compileValidators(variant);
}
