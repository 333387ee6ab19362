import fc from 'fast-check';
import { canonicalJson } from '@mapwork/kernel';
import { applyChanges, diffStates } from './state-diff';

const text = fc.string({ maxLength: 6 });
const item = fc.record({ text });
const statement = (id: string) => fc.record({ id: fc.constant(id), text, worriedWho: fc.option(text, { nil: null }) });

/** Mapping-like states: id-keyed lists in random order with random membership, positional lists, optional keys. */
const mappingState = fc
  .record({
    heldOn: fc.constantFrom('2020-01-01', '2020-02-01'),
    kind: fc.constantFrom('initial', 'review'),
    harm: fc.array(item, { maxLength: 4 }),
    ids: fc.shuffledSubarray(['d1', 'd2', 'd3', 'd4', 'd5']),
    goals: fc.shuffledSubarray(['g1', 'g2', 'g3']),
    score: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
    extra: fc.option(fc.oneof(text, fc.array(fc.integer(), { maxLength: 3 }), fc.constant(null)), { nil: undefined }),
  })
  .chain(({ ids, goals, score, extra, ...rest }) =>
    fc
      .record({
        dangerStatements: fc.tuple(...ids.map(statement)),
        safetyGoals: fc.tuple(...goals.map((id) => fc.record({ id: fc.constant(id), text, addresses: fc.shuffledSubarray(ids) }))),
      })
      .map((lists) => {
        const state: Record<string, unknown> = { ...rest, ...lists };
        if (score !== undefined) state.score = score;
        if (extra !== undefined) state.extra = extra;
        return state;
      }),
  );

const anyJson = fc.jsonValue({ maxDepth: 3 });

describe('diffStates / applyChanges', () => {
  it('applying the diff of two mapping states to the older gives the newer', () => {
    fc.assert(
      fc.property(mappingState, mappingState, (a, b) => {
        expect(applyChanges(a, diffStates(a, b))).toEqual(b);
      }),
      { numRuns: 500 },
    );
  });

  it('holds for arbitrary JSON values too', () => {
    fc.assert(
      fc.property(anyJson, anyJson, (a, b) => {
        // states are JSON: compare canonical JSON (key order is not part of a value; -0 has no JSON form)
        expect(canonicalJson(applyChanges(a, diffStates(a, b)))).toEqual(canonicalJson(b));
      }),
      { numRuns: 500 },
    );
  });

  it('is empty exactly when the states are equal', () => {
    fc.assert(fc.property(mappingState, (a) => expect(diffStates(a, structuredClone(a))).toEqual([])));
    fc.assert(fc.property(mappingState, mappingState, (a, b) => expect(diffStates(a, b).length === 0).toBe(canonicalJson(a) === canonicalJson(b))));
  });

  it('treats keys that Object.prototype also has as ordinary keys', () => {
    for (const key of ['toString', 'constructor', 'hasOwnProperty', '__proto__']) {
      const a = JSON.parse(`{"${key}": 1, "x": 2}`);
      const b = JSON.parse('{"x": 2}');
      expect(diffStates(a, b)).toEqual([{ op: 'removed', path: expect.any(String), segments: [key], oldValue: 1 }]);
      expect(canonicalJson(applyChanges(b, diffStates(b, a)))).toBe(canonicalJson(a));
    }
  });

  it('does not change its inputs', () => {
    fc.assert(
      fc.property(mappingState, mappingState, (a, b) => {
        const [a0, b0] = [structuredClone(a), structuredClone(b)];
        applyChanges(a, diffStates(a, b));
        expect(a).toEqual(a0);
        expect(b).toEqual(b0);
      }),
    );
  });

  it('matches list items by id, so one edited statement is one change', () => {
    const before = { dangerStatements: [{ id: 'd1', text: 'a' }, { id: 'd2', text: 'b' }, { id: 'd3', text: 'c' }] };
    const after = { dangerStatements: [{ id: 'd2', text: 'b' }, { id: 'd3', text: 'C' }] };
    expect(diffStates(before, after)).toEqual([
      { op: 'removed', path: '$.dangerStatements[id="d1"]', segments: ['dangerStatements', { id: 'd1' }], oldValue: { id: 'd1', text: 'a' } },
      { op: 'changed', path: '$.dangerStatements[id="d3"].text', segments: ['dangerStatements', { id: 'd3' }, 'text'], oldValue: 'c', newValue: 'C' },
    ]);
  });

  it('reports a reordering of kept items, and positions for plain lists', () => {
    expect(diffStates({ g: [{ id: 'a' }, { id: 'b' }] }, { g: [{ id: 'b' }, { id: 'a' }] })).toEqual([
      { op: 'reordered', path: '$.g', segments: ['g'], order: ['b', 'a'] },
    ]);
    expect(diffStates({ harm: [{ text: 'x' }] }, { harm: [{ text: 'y' }, { text: 'z' }] })).toEqual([
      { op: 'changed', path: '$.harm[0].text', segments: ['harm', 0, 'text'], oldValue: 'x', newValue: 'y' },
      { op: 'added', path: '$.harm[1]', segments: ['harm', 1], value: { text: 'z' }, index: 1 },
    ]);
  });

  it('treats a deletion (null state) as a whole-state change', () => {
    expect(diffStates({ a: 1 }, null)).toEqual([{ op: 'changed', path: '$', segments: [], oldValue: { a: 1 }, newValue: null }]);
  });
});
