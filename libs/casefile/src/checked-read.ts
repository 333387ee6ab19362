import type { FieldProblem } from '@mapwork/kernel/errors';
import { CaseFileCase } from './format';
import { CaseFileSource, MalformedJsonError, scanCaseFile } from './read';
import { caseProblems, headerProblems } from './validation';

/** The file's own fields that every valid file has, and that work on its cases may need first. */
const REQUIRED_FIELDS = ['format', 'exportedAt', 'site'];

export interface CheckedReading {
  /**
   * Before the first case, with the file's own fields and their problems (none: work on
   * the cases may begin). When the fields read before `cases` lack one that every file
   * has, a quick first pass that skips the cases reads them all.
   */
  beforeCases?: (fields: Readonly<Record<string, unknown>>, problems: FieldProblem[]) => void | Promise<void>;
  /** Each case, checked, for as long as the file has shown no problem. */
  onCase?: (c: CaseFileCase, index: number) => void | Promise<void>;
}

export interface CheckedFile {
  /** the file's own fields (`cases` emptied), or null when it is not JSON */
  fields: Record<string, unknown> | null;
  /** every problem of the file, by JSON Pointer; none for a valid file */
  problems: FieldProblem[];
}

/**
 * Reads a case file once, checking it as an import does (the schema and the format page's
 * rules, every problem listed) and handing each case on while no problem has been found,
 * so work on the cases can go along with the reading and stop at the first problem.
 */
export async function readCheckedCaseFile(source: CaseFileSource, reading: CheckedReading = {}): Promise<CheckedFile> {
  const problems: FieldProblem[] = [];
  const refs = new Set<string>();
  let fields: Record<string, unknown>;
  try {
    fields = await scanCaseFile(source, {
      beforeCases:
        reading.beforeCases &&
        (async (soFar) => {
          const all = REQUIRED_FIELDS.every((k) => k in soFar) ? soFar : await scanCaseFile(source);
          await reading.beforeCases!(all, headerProblems(all));
        }),
      onCase: async (value, index, unusualText) => {
        const found = caseProblems(value, index, refs, { unusualText });
        if (found.length) problems.push(...found);
        else if (!problems.length) await reading.onCase?.(value as CaseFileCase, index);
      },
    });
  } catch (e) {
    if (e instanceof MalformedJsonError) return { fields: null, problems: [e.problem] };
    throw e;
  }
  return { fields, problems: [...headerProblems(fields), ...problems] };
}
