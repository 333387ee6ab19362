import { createWriteStream } from 'node:fs';

/**
 * A synthetic case file of `cases` cases with `perCase` revisions each (five records:
 * two mappings, a safety plan, a network meeting, child's-voice work), written as a
 * stream so the generator itself stays small in memory.
 */
export async function writeSyntheticCaseFile(path: string, cases: number, perCase = 20): Promise<{ bytes: number; revisions: number }> {
  const out = createWriteStream(path);
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  await write('{"format":"sofs-casefile/1","exportedAt":"2020-03-31T12:00:00Z","site":{"code":"BENCH","name":"Benchmark"},"cases":[');
  const text = (n: number) => `Worried that the adults argue late at night and ${'the child could be hurt '.repeat(n)}`.trim();
  let revisions = 0;
  const split = [6, 4, 5, 3, perCase - 18];
  for (let i = 0; i < cases; i++) {
    let t = Date.UTC(2018, 0, 1) + (i % 500) * 86_400_000;
    const at = () => new Date((t += 3_600_000 + (i % 7) * 60_000)).toISOString().replace('.000Z', 'Z');
    const mapping = (v: number) => ({
      heldOn: '2019-01-10', kind: v ? 'review' : 'initial',
      participants: [{ role: 'professional', label: 'social worker' }, ...(i % 3 ? [{ personId: 'p1', role: 'parent' }] : [])],
      harm: [{ text: text(3) }], complicatingFactors: [{ text: text(2) }],
      existingStrengths: i % 4 ? [{ text: text(2) }] : [], existingSafety: i % 5 ? [{ text: text(2) }] : [],
      dangerStatements: [{ id: 'd1', worriedWho: 'school', behaviour: text(2), impact: v % 2 ? text(1) : '', text: text(4) }, ...(v > 2 ? [{ id: 'd2', text: text(2) }] : [])],
      safetyGoals: i % 6 ? [{ id: 'g1', text: text(2), addresses: ['d1'] }] : [],
      nextSteps: [{ text: text(1), owner: 'social worker', dueOn: '2019-02-01' }],
      scaleRatings: [{ raterRole: 'professional', score: 3 + (v % 5) }, ...(i % 2 ? [{ raterRole: 'parent', personId: 'p1', score: 6 }] : [])],
    });
    const plan = (v: number) => ({ status: v ? 'active' : 'draft', agreedOn: v ? '2019-02-01' : null, lastReviewedOn: v > 2 && i % 2 ? '2019-06-01' : null, rules: [{ text: text(1), ensuredBy: ['p1', 'n1'] }], network: [{ personId: 'n1', commitment: text(1) }], goalIds: ['g1'], familyWords: true });
    const meeting = (v: number) => ({ heldOn: '2019-03-01', status: v && i % 3 ? 'held' : 'planned', attendees: [{ personId: 'p1', role: 'parent' }, { role: 'professional' }], purpose: text(1), outcome: null });
    const voice = () => ({ tool: i % 2 ? 'three_houses' : 'words_and_pictures', childId: 'c1', completedOn: '2019-03-10', summary: text(2), attachment: null });
    const makers = [mapping, mapping, plan, meeting, voice];
    const records = ['m1', 'm2', 'sp1', 'nm1', 'cv1'].map((id, k) => ({
      type: ['mapping', 'mapping', 'safety_plan', 'network_meeting', 'child_voice'][k],
      id,
      revisions: Array.from({ length: split[k] }, (_, v) => ({ at: at(), by: `sw-${i % 40}`, data: makers[k](v) })),
    }));
    revisions += perCase;
    const c = {
      ref: `B-${String(i).padStart(6, '0')}`, team: `Team ${i % 12}`, worker: `sw-${i % 40}`, stage: 'child_protection', openedOn: '2018-01-01', researchConsent: true,
      people: [{ id: 'c1', role: 'child', name: 'Child Example' }, { id: 'p1', role: 'parent', name: 'Parent Example' }, { id: 'n1', role: 'relative', name: 'Relative Example' }],
      records,
    };
    await write(`${i ? ',' : ''}\n${JSON.stringify(c)}`);
  }
  await write('\n]}\n');
  await new Promise<void>((r) => out.end(() => r()));
  return { bytes: out.bytesWritten, revisions };
}
