import fc from 'fast-check';
import { Candidate, drawPerTeam, seededRandom } from './sampling';

const candidates = (n: number, teams: number): Candidate[] =>
  Array.from({ length: n }, (_, i) => ({ caseId: `id-${i}`, site: 'S', ref: `S-${String(i).padStart(3, '0')}`, teamId: `t${i % teams}` }));

describe('drawing a sample', () => {
  it('is repeatable from the seed, whatever order the candidates come in', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 4 }), (seed, perTeam, n, teams) => {
        const all = candidates(n, teams);
        const a = drawPerTeam(all, perTeam, seed);
        const b = drawPerTeam([...all].reverse(), perTeam, seed);
        expect(b).toEqual(a);
        // never the same case twice, at most n per team, all of a small team
        expect(new Set(a.map((c) => c.caseId)).size).toBe(a.length);
        for (let t = 0; t < teams; t++) {
          const inTeam = all.filter((c) => c.teamId === `t${t}`).length;
          expect(a.filter((c) => c.teamId === `t${t}`).length).toBe(Math.min(perTeam, inTeam));
        }
      }),
    );
  });

  it('differs between seeds and stays in [0, 1)', () => {
    const r1 = seededRandom('round-1');
    const r2 = seededRandom('round-2');
    const x = Array.from({ length: 1000 }, r1);
    expect(x.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(x.slice(0, 5)).not.toEqual(Array.from({ length: 5 }, r2));
    const mean = x.reduce((s, v) => s + v, 0) / x.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.05);
    const draws = new Set(Array.from({ length: 20 }, (_, i) => drawPerTeam(candidates(30, 1), 3, `seed-${i}`).map((c) => c.ref).join()));
    expect(draws.size).toBeGreaterThan(15);
  });
});
