import { createHash } from 'node:crypto';
import { compareCodePoints } from '@mapwork/kernel/string-order';

/** A case that could be drawn: open at the round's instant, in its scope. */
export interface Candidate {
  caseId: string;
  site: string;
  ref: string;
  teamId: string;
}

const rotl = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;

/** A deterministic generator from a seed: xoshiro128** seeded with the SHA-256 of the seed text. */
export function seededRandom(seed: string): () => number {
  const h = createHash('sha256').update(seed, 'utf8').digest();
  let [a, b, c, d] = [h.readUInt32LE(0), h.readUInt32LE(4), h.readUInt32LE(8), h.readUInt32LE(12)];
  return () => {
    const result = Math.imul(rotl(Math.imul(b, 5) >>> 0, 7), 9) >>> 0;
    const t = (b << 9) >>> 0;
    c = (c ^ a) >>> 0;
    d = (d ^ b) >>> 0;
    b = (b ^ c) >>> 0;
    a = (a ^ d) >>> 0;
    c = (c ^ t) >>> 0;
    d = rotl(d, 11);
    return result / 4294967296;
  };
}

/**
 * n random cases per team, drawn without replacement with a recorded seed: the same
 * seed and candidates always give the same draw, so anyone can repeat and check it.
 * Candidates are put in (team, site, ref) order first, so database order does not matter.
 */
export function drawPerTeam(candidates: readonly Candidate[], perTeam: number, seed: string): Candidate[] {
  const random = seededRandom(seed);
  const byTeam = new Map<string, Candidate[]>();
  for (const c of [...candidates].sort((x, y) => compareCodePoints(x.teamId, y.teamId) || compareCodePoints(x.site, y.site) || compareCodePoints(x.ref, y.ref))) {
    byTeam.set(c.teamId, [...(byTeam.get(c.teamId) ?? []), c]);
  }
  const drawn: Candidate[] = [];
  for (const team of [...byTeam.keys()]) {
    const pool = [...byTeam.get(team)!];
    // Fisher–Yates, stopping after n
    for (let i = 0; i < Math.min(perTeam, pool.length); i++) {
      const j = i + Math.floor(random() * (pool.length - i));
      [pool[i], pool[j]] = [pool[j], pool[i]];
      drawn.push(pool[i]);
    }
  }
  return drawn;
}
