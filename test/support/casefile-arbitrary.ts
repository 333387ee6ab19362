import fc from 'fast-check';

/**
 * Generated valid `sofs-casefile/1` files: people of every role, records of every type
 * whose data refers to those people, histories with deletions and restorations at
 * strictly increasing instants (some with milliseconds), optional fields absent or null.
 */
const ROLES = ['child', 'parent', 'carer', 'relative', 'friend', 'community', 'professional'] as const;
const text = fc.string({ minLength: 0, maxLength: 12 });
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const date = fc.integer({ min: Date.UTC(2018, 0, 1), max: Date.UTC(2020, 11, 31) }).map((ms) => new Date(ms).toISOString().slice(0, 10));

interface Person {
  id: string;
  role: (typeof ROLES)[number];
}

function dataFor(type: string, people: Person[]): fc.Arbitrary<Record<string, unknown>> {
  const child = people.find((p) => p.role === 'child')!;
  const someone = fc.constantFrom(...people);
  const participant = fc.oneof(
    someone.map((p) => ({ personId: p.id, role: p.role })),
    fc.record({ role: fc.constantFrom(...ROLES), label: maybe(fc.option(text, { nil: null })) }, { requiredKeys: ['role'] }),
  );
  const items = fc.array(fc.record({ text }), { maxLength: 3 });
  switch (type) {
    case 'mapping':
      return fc.shuffledSubarray(['d1', 'd2', 'd3']).chain((ids) =>
        fc.record({
          heldOn: date,
          kind: fc.constantFrom('initial', 'review', 'conference', 'supervision'),
          participants: fc.array(participant, { maxLength: 3 }),
          harm: items,
          complicatingFactors: items,
          existingStrengths: items,
          existingSafety: items,
          dangerStatements: fc.tuple(...ids.map((id) => fc.record({ id: fc.constant(id), worriedWho: maybe(fc.option(text, { nil: null })), behaviour: maybe(text), impact: maybe(text), text }, { requiredKeys: ['id', 'text'] }))),
          safetyGoals: fc.array(fc.record({ id: fc.constantFrom('g1', 'g2', 'g3'), text, addresses: fc.subarray([...ids, 'dangling']) }), { maxLength: 3 }).map((gs) => gs.filter((g, i) => gs.findIndex((x) => x.id === g.id) === i)),
          nextSteps: fc.array(fc.record({ text, owner: maybe(fc.option(text, { nil: null })), dueOn: maybe(fc.option(date, { nil: null })) }, { requiredKeys: ['text'] }), { maxLength: 2 }),
          scaleRatings: fc.array(
            fc.oneof(
              someone.map((p) => ({ raterRole: p.role, personId: p.id })),
              fc.constantFrom(...ROLES).map((r) => ({ raterRole: r })),
            ).chain((r) => fc.record({ score: fc.integer({ min: 0, max: 10 }), reason: maybe(fc.option(text, { nil: null })) }, { requiredKeys: ['score'] }).map((x) => ({ ...r, ...x }))),
            { maxLength: 3 },
          ),
        }),
      );
    case 'safety_plan':
      return fc.record(
        {
          status: fc.constantFrom('draft', 'agreed', 'active', 'ended'),
          agreedOn: maybe(fc.option(date, { nil: null })),
          lastReviewedOn: maybe(fc.option(date, { nil: null })),
          rules: fc.array(fc.record({ text, ensuredBy: fc.subarray(people.map((p) => p.id)) }), { maxLength: 3 }),
          network: fc.array(someone.chain((p) => fc.record({ personId: fc.constant(p.id), commitment: maybe(fc.option(text, { nil: null })) }, { requiredKeys: ['personId'] })), { maxLength: 2 }),
          goalIds: maybe(fc.subarray(['g1', 'g2'])),
          familyWords: maybe(fc.boolean()),
        },
        { requiredKeys: ['status', 'rules', 'network'] },
      );
    case 'network_meeting':
      return fc.record(
        { heldOn: date, status: fc.constantFrom('planned', 'held', 'cancelled'), attendees: fc.array(participant, { maxLength: 3 }), purpose: maybe(fc.option(text, { nil: null })), outcome: maybe(fc.option(text, { nil: null })) },
        { requiredKeys: ['heldOn', 'status', 'attendees'] },
      );
    default:
      return fc.record(
        {
          tool: fc.constantFrom('three_houses', 'wizard_fairy', 'safety_house', 'words_and_pictures', 'other'),
          childId: fc.constant(child.id),
          completedOn: date,
          summary: maybe(fc.option(text, { nil: null })),
          attachment: maybe(fc.option(fc.record({ name: text, mediaType: fc.constant('image/png'), sha256: fc.stringMatching(/^[0-9a-f]{64}$/) }), { nil: null })),
        },
        { requiredKeys: ['tool', 'childId', 'completedOn'] },
      );
  }
}

const peopleArb: fc.Arbitrary<Person[]> = fc
  .uniqueArray(fc.constantFrom(...ROLES), { minLength: 1, maxLength: 4 })
  .map((roles) => [{ id: 'c1', role: 'child' as const }, ...roles.map((role, i) => ({ id: `x${i}`, role }))]);

function recordArb(people: Person[], id: string, start: number) {
  return fc.constantFrom('mapping', 'safety_plan', 'network_meeting', 'child_voice').chain((type) =>
    fc
      .array(fc.tuple(fc.integer({ min: 1, max: 10_000_000_000 }), fc.boolean(), fc.boolean(), maybe(fc.option(text, { nil: null }))), { minLength: 1, maxLength: 4 })
      .chain((steps) =>
        fc.tuple(...steps.map(() => dataFor(type, people))).map((datas) => {
          let at = start;
          return {
            type,
            id,
            revisions: steps.map(([gap, deleted, withMs, reason], i) => {
              // strictly later than the previous revision; whole seconds unless this one has milliseconds
              let next = at + gap;
              if (!withMs) next = Math.ceil(next / 1000) * 1000;
              at = next > at ? next : next + 1000;
              const iso = new Date(at).toISOString();
              const rev: Record<string, unknown> = { at: withMs ? iso : `${iso.slice(0, 19)}Z`, by: `sw-${i % 3}`, data: deleted && i > 0 ? null : datas[i] };
              if (reason !== undefined) rev.reason = reason;
              return rev;
            }),
          };
        }),
      ),
  );
}

export function caseFileArb(siteCode: string): fc.Arbitrary<Record<string, unknown>> {
  const caseArb = (ref: string) =>
    peopleArb.chain((people) =>
      fc
        .array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 })
        .chain((ids) => fc.tuple(...ids.map((_, i) => recordArb(people, `r${i}`, Date.UTC(2019, 0, 1) + i * 1000))))
        .chain((records) =>
          fc.record(
            {
              ref: fc.constant(ref),
              team: maybe(fc.option(fc.constantFrom('Team A', 'Équipe 😀', ''), { nil: null })),
              worker: maybe(fc.option(fc.constantFrom('sw-1', 'sw-2'), { nil: null })),
              stage: fc.constantFrom('early_help', 'child_in_need', 'child_protection', 'looked_after'),
              openedOn: date,
              closedOn: maybe(fc.option(date, { nil: null })),
              researchConsent: maybe(fc.boolean()),
              people: fc.constant(people.map((p) => ({ ...p, name: `${p.role} name` }))),
              records: fc.constant(records),
            },
            { requiredKeys: ['ref', 'stage', 'openedOn', 'people', 'records'] },
          ),
        ),
    );
  return fc
    .integer({ min: 1, max: 3 })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => caseArb(`${siteCode}-${i}`))))
    .map((cases) => ({ format: 'sofs-casefile/1', exportedAt: '2020-06-30T12:00:00Z', site: { code: siteCode, name: `Site ${siteCode}` }, cases }));
}
