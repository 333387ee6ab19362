import { MalformedJsonError, scanCaseFile } from '@mapwork/casefile/read';
import { caseProblems, headerProblems } from '@mapwork/casefile/validation';
import type { CaseFidelity, FidelityCase, FidelityReport, GroupBy } from '@mapwork/fidelity';
import { FidelityScorer } from '@mapwork/fidelity/report';
import type { FieldProblem } from '@mapwork/kernel/errors';

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
 * check it, then its cases are scored together. With `asOf` given each case is scored
 * as it streams past; without it the default is the first file's exportedAt, known only
 * once that file has been read, so its cases wait in memory until then.
 */
export async function fidelityOfFiles(paths: string[], options: { asOf?: string; groupBy?: GroupBy }): Promise<FidelityReport> {
  let scorer = options.asOf !== undefined ? new FidelityScorer(options.asOf, options.groupBy) : null;
  for (const path of paths) {
    const problems: FieldProblem[] = [];
    const refs = new Set<string>();
    const waiting: Array<Omit<FidelityCase, 'site'>> = [];
    // the site code is in the header, which is complete only at the end of the file; a
    // score does not depend on it, so cases are scored as they pass and labelled after
    const scored: CaseFidelity[] = [];
    let header: Record<string, unknown>;
    try {
      header = await scanCaseFile({ path }, (value, index) => {
        const found = caseProblems(value, index, refs);
        if (found.length) problems.push(...found);
        if (problems.length) return;
        if (!scorer) waiting.push(value as Omit<FidelityCase, 'site'>);
        else {
          const score = scorer.add({ ...(value as Omit<FidelityCase, 'site'>), site: '' });
          if (score) scored.push(score);
        }
      });
    } catch (e) {
      if (e instanceof MalformedJsonError) throw new InvalidFileError(path, [{ pointer: '', rule: 'json', message: e.message }]);
      throw e;
    }
    problems.unshift(...headerProblems(header));
    if (problems.length) throw new InvalidFileError(path, problems);
    const site = (header.site as { code: string }).code;
    for (const score of scored) score.site = site;
    scorer ??= new FidelityScorer(header.exportedAt as string, options.groupBy);
    for (const c of waiting) scorer.add({ ...c, site });
  }
  if (!scorer) throw new Error('no case files given');
  return scorer.report();
}
