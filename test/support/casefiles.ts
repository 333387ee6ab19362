import { compareCodePoints, normaliseInstant } from '@mapwork/kernel';

/** Absent and null are the same at every level of an object. */
function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = dropNulls(v);
    return out;
  }
  return value;
}

type Loose = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * A case file in the normal form of casefile-format.md "Equal files": cases by ref,
 * people and records by id, instants as instants, absent = null. Two files are equal
 * when their normal forms are deeply equal.
 */
export function normalForm(file: Loose): Loose {
  const byId = (a: Loose, b: Loose) => compareCodePoints(a.id, b.id);
  return dropNulls({
    format: file.format,
    exportedAt: normaliseInstant(file.exportedAt),
    site: file.site,
    cases: [...file.cases]
      .sort((a: Loose, b: Loose) => compareCodePoints(a.ref, b.ref))
      .map((c: Loose) => ({
        ...c,
        researchConsent: c.researchConsent ?? false,
        people: [...c.people].sort(byId),
        records: [...c.records].sort(byId).map((r: Loose) => ({ ...r, revisions: r.revisions.map((v: Loose) => ({ ...v, at: normaliseInstant(v.at) })) })),
      })),
  }) as Loose;
}
