import { CaseFileSource, caseProblems, headerProblems, readCases, readHeader } from '@mapwork/casefile';
import { FidelityCase, FidelityReport, GroupBy, fidelityReport } from '@mapwork/fidelity';
import { FieldProblem } from '@mapwork/kernel';

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
    const source: CaseFileSource = { path };
    const header = await readHeader(source);
    const problems = headerProblems(header);
    const refs = new Set<string>();
    const site = (header.site as { code?: string } | undefined)?.code ?? '';
    const fileCases: FidelityCase[] = [];
    if (Array.isArray(header.cases)) {
      for await (const { index, value } of readCases(source)) {
        problems.push(...caseProblems(value, index, refs));
        fileCases.push({ ...(value as Omit<FidelityCase, 'site'>), site });
      }
    }
    if (problems.length) throw new InvalidFileError(path, problems);
    defaultAsOf ??= header.exportedAt as string;
    cases.push(...fileCases);
  }
  return fidelityReport(cases, { asOf: options.asOf ?? defaultAsOf!, groupBy: options.groupBy });
}
