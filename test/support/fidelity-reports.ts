/**
 * Whether a fidelity report matches a reference report (docs/fidelity.md, "Report shape"):
 * per case every indicator and both indices, no extra cases, the same groups in the same
 * order, and per group every count, rate, interval and the index mean and median. Numbers
 * agree within 1e-9 relative, so two correct implementations that add in another order
 * still match. Returns what differs, empty when the reports match.
 */

const TOLERANCE = 1e-9;

type Loose = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function close(ours: unknown, reference: unknown): boolean {
  if (ours === null || ours === undefined || reference === null || reference === undefined) return (ours ?? null) === (reference ?? null);
  if (Array.isArray(reference)) return Array.isArray(ours) && ours.length === reference.length && ours.every((x, i) => close(x, reference[i]));
  return Math.abs(Number(ours) - Number(reference)) <= TOLERANCE * Math.max(1, Math.abs(Number(reference)));
}

export function reportMismatches(ours: Loose, reference: Loose): string[] {
  const bad: string[] = [];
  const ourCases = new Map<string, Loose>((ours.cases ?? []).map((c: Loose) => [c.ref, c]));
  for (const c of reference.cases as Loose[]) {
    const p = ourCases.get(c.ref);
    if (!p) {
      bad.push(`case ${c.ref} missing`);
      continue;
    }
    for (const [id, value] of Object.entries(c.indicators)) {
      const mine = p.indicators && id in p.indicators ? p.indicators[id] : 'absent';
      if (mine !== value) bad.push(`case ${c.ref} ${id}: ours ${mine}, reference ${value}`);
    }
    for (const index of ['fidelity_index', 'depth_index']) {
      if (!close(p[index], c[index])) bad.push(`case ${c.ref} ${index}: ours ${p[index]}, reference ${c[index]}`);
    }
  }
  const referenceRefs = new Set((reference.cases as Loose[]).map((c) => c.ref));
  const extra = [...ourCases.keys()].filter((ref) => !referenceRefs.has(ref)).sort();
  if (extra.length) bad.push(`cases that should not be in the report (for example not yet opened at asOf): ${extra.slice(0, 5).join(', ')}`);

  const ourKeys = (ours.groups ?? []).map((g: Loose) => g.key);
  const referenceKeys = (reference.groups as Loose[]).map((g) => g.key);
  if (JSON.stringify(ourKeys) !== JSON.stringify(referenceKeys)) bad.push(`groups or their order: ours ${JSON.stringify(ourKeys)}, reference ${JSON.stringify(referenceKeys)}`);
  const ourGroups = new Map<unknown, Loose>((ours.groups ?? []).map((g: Loose) => [g.key, g]));
  for (const g of reference.groups as Loose[]) {
    const p = ourGroups.get(g.key);
    if (!p) {
      bad.push(`group ${g.key} missing`);
      continue;
    }
    if (p.cases !== g.cases) bad.push(`group ${g.key} cases: ours ${p.cases}, reference ${g.cases}`);
    for (const [id, figures] of Object.entries<Loose>(g.indicators)) {
      const q = p.indicators?.[id];
      if (!q) {
        bad.push(`group ${g.key} ${id} missing`);
        continue;
      }
      for (const f of ['applicable', 'met']) if (q[f] !== figures[f]) bad.push(`group ${g.key} ${id}.${f}: ours ${q[f]}, reference ${figures[f]}`);
      for (const f of ['rate', 'ci95']) if (!close(q[f], figures[f])) bad.push(`group ${g.key} ${id}.${f}: ours ${JSON.stringify(q[f])}, reference ${JSON.stringify(figures[f])}`);
    }
    for (const f of ['mean', 'median']) {
      if (!close(p.fidelity_index?.[f], g.fidelity_index[f])) bad.push(`group ${g.key} fidelity_index.${f}: ours ${p.fidelity_index?.[f]}, reference ${g.fidelity_index[f]}`);
    }
  }
  return bad;
}
