import { caseProblems, headerProblems, scanCaseFile } from '@mapwork/casefile';
import { FidelityCase, FidelityReport, GroupBy, fidelityReport } from '@mapwork/fidelity';
import { FieldProblem } from '@mapwork/kernel';
import { MalformedJsonError } from '@mapwork/casefile';

export class InvalidFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: FieldProblem[],
  ) {
    super(`${file} is not a valid sofs-casefile/1 file (${problems.length} problems)`);
  }
}

/**
 * Scores case files without storing them: each file is checked as an import would
 * check it, then its cases are scored together. The default as-of is the first
 * file's exportedAt.
 */
export async function fidelityOfFiles(paths: string[], options: { asOf?: string; groupBy?: GroupBy }): Promise<FidelityReport> {
  const cases: FidelityCase[] = [];
  let defaultAsOf: string | undefined;
  for (const path of paths) {
    const problems: FieldProblem[] = [];
    const refs = new Set<string>();
    const fileCases: Array<Omit<FidelityCase, 'site'>> = [];
    let header: Record<string, unknown>;
    try {
      header = await scanCaseFile({ path }, (value, index) => {
        const found = caseProblems(value, index, refs);
        if (found.length) problems.push(...found);
        else if (!problems.length) fileCases.push(value as Omit<FidelityCase, 'site'>);
      });
    } catch (e) {
      if (e instanceof MalformedJsonError) throw new InvalidFileError(path, [{ pointer: '', rule: 'json', message: e.message }]);
      throw e;
    }
    problems.unshift(...headerProblems(header));
    if (problems.length) throw new InvalidFileError(path, problems);
    const site = (header.site as { code: string }).code;
    defaultAsOf ??= header.exportedAt as string;
    for (const c of fileCases) cases.push({ ...c, site });
  }
  return fidelityReport(cases, { asOf: options.asOf ?? defaultAsOf!, groupBy: options.groupBy });
}
