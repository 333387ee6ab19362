import { createHmac } from 'node:crypto';
import { CaseFileCase, CaseFileRecord } from './format';

/**
 * Pseudonymisation for evaluators (casefile-format.md, "Pseudonymised export"): names
 * become null, person and user ids keyed pseudonyms (HMAC-SHA-256 under the site's key,
 * so stable across exports from that site and meaningless elsewhere), `relationship`
 * is dropped, and known names inside free text become the person's role in brackets.
 * Dates and structure are kept, so the fidelity metrics are unchanged.
 */
export class Pseudonymiser {
  constructor(private readonly siteKey: Buffer) {
    if (siteKey.length < 16) throw new Error('a pseudonymisation key needs at least 16 bytes');
  }

  private token(kind: string, value: string): string {
    return createHmac('sha256', this.siteKey).update(`${kind}\u0000${value}`, 'utf8').digest('hex').slice(0, 24);
  }

  /** A user id (`by`, `worker`): the same user gets the same pseudonym across cases and exports. */
  user(id: string): string {
    return `u-${this.token('user', id)}`;
  }

  /**
   * A case ref, where a report for evaluators lists cases by name (the cases that lost or
   * gained an indicator): the same case gets the same pseudonym in every such report.
   * The export itself keeps refs (casefile-format.md), so that a later export merges.
   */
  caseRef(ref: string): string {
    return `c-${this.token('case', ref)}`;
  }

  /** A person id: people are local to a case, so the case ref is part of the key. */
  person(caseRef: string, id: string): string {
    return `p-${this.token('person', `${caseRef}\u0000${id}`)}`;
  }

  case(c: CaseFileCase): CaseFileCase {
    const personId = (id: string) => this.person(c.ref, id);
    const redact = nameRedactor(c.people.map((p) => ({ name: p.name ?? null, role: p.role })));
    const mapData = (value: unknown, key?: string): unknown => {
      if (typeof value === 'string') {
        if (key === 'personId' || key === 'childId') return personId(value);
        return redact(value);
      }
      if (Array.isArray(value)) return value.map((v) => (key === 'ensuredBy' && typeof v === 'string' ? personId(v) : mapData(v)));
      if (value && typeof value === 'object') {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) {
          // ids and enums of the format are structure, not free text
          out[k] = STRUCTURAL_KEYS.has(k) ? v : mapData(v, k);
        }
        return out;
      }
      return value;
    };
    const record = (r: CaseFileRecord): CaseFileRecord => ({
      type: r.type,
      id: r.id,
      revisions: r.revisions.map((rev) => ({
        at: rev.at,
        by: this.user(rev.by),
        reason: rev.reason == null ? null : redact(rev.reason),
        data: rev.data === null ? null : (mapData(rev.data) as never),
      })),
    });
    return {
      ref: c.ref,
      team: c.team ?? null,
      worker: c.worker == null ? null : this.user(c.worker),
      stage: c.stage,
      openedOn: c.openedOn,
      closedOn: c.closedOn ?? null,
      researchConsent: c.researchConsent ?? false,
      people: c.people.map((p) => ({ id: personId(p.id), role: p.role, name: null, birthDate: p.birthDate ?? null })),
      records: c.records.map(record),
    };
  }
}

/** Keys whose string values are ids, enums or dates, never free text. */
const STRUCTURAL_KEYS = new Set([
  'id', 'role', 'raterRole', 'kind', 'status', 'tool', 'heldOn', 'agreedOn', 'lastReviewedOn', 'completedOn', 'dueOn', 'addresses', 'goalIds', 'sha256', 'mediaType', 'score', 'familyWords',
]);

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Replaces each known full name, then each part of a name (given name, family name) of
 * two or more letters, with `[role]`. A name part shared by people of different roles
 * takes the role of the first of them in the case's list.
 */
export function nameRedactor(people: Array<{ name: string | null; role: string }>): (text: string) => string {
  const replacements: Array<[string, string]> = [];
  const seen = new Set<string>();
  const add = (name: string, role: string) => {
    const n = name.trim();
    if (n.length < 2 || seen.has(n)) return;
    seen.add(n);
    replacements.push([n, `[${role}]`]);
  };
  for (const p of people) if (p.name) add(p.name, p.role);
  for (const p of people) if (p.name) for (const part of p.name.split(/[\s-]+/u)) if (/\p{L}{2,}/u.test(part)) add(part, p.role);
  if (!replacements.length) return (t) => t;
  // longest first, so a full name is replaced before its parts
  replacements.sort((a, b) => b[0].length - a[0].length);
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${replacements.map(([n]) => escapeRegExp(n)).join('|')})(?![\\p{L}\\p{N}])`, 'gu');
  const byName = new Map(replacements);
  return (text) => text.replace(pattern, (m) => byName.get(m) ?? m);
}
