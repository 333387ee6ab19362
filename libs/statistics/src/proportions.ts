import { wilsonInterval } from './wilson';

/**
 * The difference of two proportions p1 − p2 with Newcombe's hybrid score interval
 * (method 10 of Newcombe 1998, built from the two Wilson intervals). Null when either
 * group is empty.
 */
export function proportionDifference(met1: number, n1: number, met2: number, n2: number): { difference: number; ci95: [number, number] } | null {
  const w1 = wilsonInterval(met1, n1);
  const w2 = wilsonInterval(met2, n2);
  if (!w1 || !w2) return null;
  const p1 = met1 / n1;
  const p2 = met2 / n2;
  const d = p1 - p2;
  const lower = d - Math.sqrt((p1 - w1[0]) ** 2 + (w2[1] - p2) ** 2);
  const upper = d + Math.sqrt((w1[1] - p1) ** 2 + (p2 - w2[0]) ** 2);
  return { difference: d, ci95: [lower, upper] };
}
