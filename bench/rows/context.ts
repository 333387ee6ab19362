import { DataSets } from '../datasets';

/** What a module of rows is given: the data sets, and the size of the run. */
export interface BenchContext {
  data: DataSets;
  /** a number of cases scaled to the run (`--quick` or BENCH_SCALE) */
  cases: (full: number) => number;
  /** a scratch file path */
  scratch: (name: string) => string;
}
