import { DerivedRow, Row } from '../harness';
import { BenchContext } from './context';
import { fidelityRows } from './fidelity';

/**
 * Every module of rows, in the order of the table. A new measurement is a module that
 * returns its rows (ours, a plain-Node baseline doing the same work, the targets) and is
 * listed here.
 */
export const MODULES: Array<(ctx: BenchContext) => { rows: Row[]; derived?: DerivedRow[] }> = [fidelityRows];
