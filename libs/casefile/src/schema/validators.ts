import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Ajv2020 from 'ajv/dist/2020';
import type { ValidateFunction } from 'ajv/dist/2020';
import schema from './casefile.schema.json';

/**
 * The JSON Schema of `sofs-casefile/1` as validating functions: the whole document, and
 * one case (checked as a file streams past). ajv, JSON Schema 2020-12, every error
 * reported, `format` asserted (a date must exist), patterns as ECMA-262 with `u`.
 *
 * Compiling the schema costs more than everything else a small file needs, so the build
 * writes the same functions out as code (ajv's standalone mode) beside this module in
 * dist/, and they are loaded from there; run from the sources (tests), they are compiled.
 */
export interface CaseFileValidators {
  document: ValidateFunction;
  case: ValidateFunction;
}

/** Where the build writes the precompiled validators. */
export const PRECOMPILED = join(__dirname, 'casefile.validators.js');

function compiler(options: { source: boolean }): { ajv: Ajv2020; validators: CaseFileValidators } {
  // required here, not imported: with the precompiled validators ajv's compiler is never loaded
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { default: Ajv, _ } = require('ajv/dist/2020') as typeof import('ajv/dist/2020');
  const { default: addFormats } = require('ajv-formats') as typeof import('ajv-formats');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    unicodeRegExp: true,
    code: options.source ? { source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` } : undefined,
  });
  addFormats(ajv, ['date', 'date-time']);
  ajv.addSchema(schema);
  const document = ajv.getSchema('sofs-casefile/1')!;
  // an $id with no path in it, so the $ref beside it resolves as written
  const kase = ajv.compile({ $id: 'sofs-casefile-case', $ref: 'sofs-casefile/1#/$defs/case' });
  return { ajv, validators: { document, case: kase } };
}

/** The validators compiled now, from the schema. */
export function compileValidators(): CaseFileValidators {
  return compiler({ source: false }).validators;
}

/** The validators as the source of a CommonJS module exporting `document` and `case`. */
export function validatorsSource(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { default: standaloneCode } = require('ajv/dist/standalone') as typeof import('ajv/dist/standalone');
  const { ajv } = compiler({ source: true });
  return standaloneCode(ajv, { document: 'sofs-casefile/1', case: 'sofs-casefile-case' });
}

/** For the build: writes the precompiled validators (to PRECOMPILED, or elsewhere). */
export function writeValidators(path = PRECOMPILED): void {
  writeFileSync(path, validatorsSource());
}

/** The precompiled validators when the build wrote them, else compiled now. */
export function loadValidators(): CaseFileValidators {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return existsSync(PRECOMPILED) ? (require(PRECOMPILED) as CaseFileValidators) : compileValidators();
}
