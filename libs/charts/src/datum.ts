import { Datum } from './bar';
import { formatRate } from './format';

/**
 * A rate as a chart value: met of applicable, with its interval, the text "83 % (5/6)",
 * and null ("n/a") when nothing applies. Takes the fidelity report's figures as they are.
 */
export function rateDatum(f: { met: number; applicable: number; ci95?: readonly [number, number] | null }): Datum {
  return { value: f.applicable ? f.met / f.applicable : null, interval: f.applicable ? (f.ci95 ?? null) : null, text: formatRate(f.met, f.applicable) };
}
