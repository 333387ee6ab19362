// deep imports: scoring a file needs neither NestJS nor TypeORM, nor the time to load them
import { readCheckedCaseFile } from '@mapwork/casefile/checked-read';
import type { FieldProblem } from '@mapwork/kernel/errors';
import { isInstant } from '@mapwork/kernel/time';
import type { FidelityCase } from '@mapwork/fidelity/input';
import { CaseFidelity, FidelityReport, FidelityScorer, GroupBy } from '@mapwork/fidelity/report';

export class InvalidFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: FieldProblem[],
  ) {
    super(`${file} is not a valid sofs-casefile/1 file (${problems.length} problems)`);
  }
}

/**
 * Scores case files without storing them: each file is checked as an import would check
 * it, and each case is scored as it is read, so memory holds one case and the scores.
 * Without `asOf` the default is the first file's exportedAt (read before its cases; see
 * readCheckedCaseFile for a file that writes it after them).
 */
export async function fidelityOfFiles(paths: string[], options: { asOf?: string; groupBy?: GroupBy }): Promise<FidelityReport> {
  let scorer = options.asOf !== undefined ? new FidelityScorer(options.asOf, options.groupBy) : null;
  for (const path of paths) {
    // the site code may come after the cases; a score does not depend on it, so cases are
    // scored as they pass and labelled at the end
    const scored: CaseFidelity[] = [];
    const { fields, problems } = await readCheckedCaseFile(
      { path },
      {
        beforeCases: scorer
          ? undefined
          : (header) => {
              // an exportedAt that is not an instant is one of the file's problems
              if (!scorer && isInstant(header.exportedAt)) scorer = new FidelityScorer(header.exportedAt, options.groupBy);
            },
        onCase: (c) => {
          const score = scorer?.add({ ...c, site: '' } as FidelityCase);
          if (score) scored.push(score);
        },
      },
    );
    if (problems.length) throw new InvalidFileError(path, problems);
    const site = (fields!.site as { code: string }).code;
    for (const score of scored) score.site = site;
  }
  if (!scorer) throw new Error('no case files given');
  return (scorer as FidelityScorer).report();
}
