import { cronbachAlpha, pairedTTest, tScores } from '@mapwork/statistics';
import { InstrumentDefinition, InstrumentResponse, compareKinds, definitionProblems, elementUse, expectedVsActual, responseProblems, scoreResponse, siteTScores, summarise } from './instruments';

const def: InstrumentDefinition = {
  id: 'engagement-demo',
  name: 'Engagement (structure only)',
  scale: { min: 1, max: 5 },
  frames: ['now', 'hoped_for'],
  respondentKinds: ['parent', 'social_worker'],
  items: [{ id: 'q1' }, { id: 'q2' }, { id: 'q3', reverse: true }, { id: 'q4' }],
  subscales: [{ id: 'buy_in', name: 'Buy-in', items: ['q1', 'q2'] }, { id: 'trust', name: 'Trust', items: ['q3', 'q4'] }],
};

const response = (over: Partial<InstrumentResponse>): InstrumentResponse => ({ respondentKind: 'parent', site: 'P1', timePoint: 'T1', frame: 'now', caseRef: null, answers: {}, ...over });

describe('instruments', () => {
  it('validates definitions and responses, naming the item', () => {
    expect(definitionProblems(def)).toEqual([]);
    expect(definitionProblems({ ...def, subscales: [{ id: 'x', name: 'X', items: ['q9'] }], items: [...def.items, { id: 'q1' }] }).map((p) => p.pointer)).toEqual(['/items/4/id', '/subscales/0/items/0']);
    // every element has its type: a list where text or an object belongs is refused
    const wrapped = { ...def, description: ['x'], scale: { ...def.scale, labels: [{ '1': 'never' }] }, items: [{ id: 'q1', label: ['a'] }, [{ id: 'q2' }]], subscales: [{ id: 's', name: ['S'], items: [['q1']] }] };
    expect(definitionProblems(wrapped as unknown as InstrumentDefinition).map((p) => p.pointer)).toEqual(['/description', '/scale/labels', '/items/0/label', '/items/1', '/subscales/0/name', '/subscales/0/items/0']);
    expect(responseProblems(def, response({ answers: { q1: 6, q2: 2.5, q7: 1, q3: null } })).map((p) => [p.pointer, p.rule])).toEqual([
      ['/answers/q1', 'range'],
      ['/answers/q2', 'range'],
      ['/answers/q7', 'itemOfInstrument'],
    ]);
    expect(responseProblems(def, response({ respondentKind: 'child', frame: 'later' })).map((p) => p.pointer)).toEqual(['/respondentKind', '/frame']);
  });

  it('scores with reverse keying: sums and means over answered items', () => {
    const s = scoreResponse(def, { q1: 4, q2: 5, q3: 2, q4: null });
    expect(s.subscales.buy_in).toEqual({ answered: 2, sum: 9, mean: 4.5 });
    expect(s.subscales.trust).toEqual({ answered: 1, sum: 4, mean: 4 });
    expect(s.total).toEqual({ answered: 3, sum: 13, mean: 13 / 3 });
  });

  const many = [
    { q1: 4, q2: 5, q3: 2, q4: 4 },
    { q1: 2, q2: 2, q3: 4, q4: 2 },
    { q1: 5, q2: 4, q3: 1, q4: 5 },
    { q1: 3, q2: 3, q3: 3, q4: 3 },
  ].map((answers, i) => response({ answers, caseRef: `c${i}`, site: i < 2 ? 'P1' : 'P9' }));

  it('summarises groups with means, SDs and Cronbach’s alpha on keyed answers', () => {
    const [all] = summarise(def, many, () => 'all');
    expect(all.n).toBe(4);
    expect(all.alpha.alpha).toBeCloseTo(cronbachAlpha(many.map((r) => [r.answers.q1!, r.answers.q2!, 6 - r.answers.q3!, r.answers.q4!])).alpha!, 12);
    expect(all.subscales.buy_in.mean).toBeCloseTo((4.5 + 2 + 4.5 + 3) / 4, 12);
  });

  it('compares two respondent kinds on the same cases', () => {
    const workers = many.map((r) => ({ ...r, respondentKind: 'social_worker' as const, answers: { ...r.answers, q1: Math.min(5, (r.answers.q1 as number) + 1) } }));
    const cmp = compareKinds(def, [...many, ...workers], 'social_worker', 'parent');
    expect(cmp.pairedCases).toBe(4);
    const expected = pairedTTest(workers.map((r) => scoreResponse(def, r.answers).total.mean!), many.map((r) => scoreResponse(def, r.answers).total.mean!));
    expect(cmp.total.meanDifference).toBeCloseTo(expected.meanDifference!, 12);
    expect(cmp.items.find((i) => i.item === 'q4')).toMatchObject({ n: 4, observed: 1, kappa: 1 });
  });

  it('says why a comparison of kinds cannot be computed: no pairs, or t infinite when every difference is the same', () => {
    const none = compareKinds(def, many, 'social_worker', 'parent');
    expect(none.pairedCases).toBe(0);
    expect(none.total).toEqual({ t: null, df: null, p: null, meanDifference: null, notComputable: { code: 'NO_DATA', message: 'no pairs' } });
    expect(none.items[0]).toMatchObject({ n: 0, kappa: null, notComputable: { code: 'NO_DATA' } });
    const shifted = many.map((r) => ({ ...r, respondentKind: 'social_worker' as const, answers: { q1: 1, q2: 1, q3: 5, q4: 1 } }));
    const lowered = many.map((r) => ({ ...r, answers: { q1: 2, q2: 2, q3: 4, q4: 2 } }));
    const constant = compareKinds(def, [...lowered, ...shifted], 'social_worker', 'parent');
    expect(constant.total).toMatchObject({ t: null, df: 3, p: 0, meanDifference: -1, notComputable: { code: 'INFINITE_STATISTIC' } });
    expect(constant.total.notComputable!.message).toMatch(/−∞/);
  });

  it('T-scores and alpha say why they are missing', () => {
    const one = siteTScores(def, many.filter((r) => r.site === 'P1'));
    expect(one[0].total).toEqual({ mean: expect.any(Number), t: null, notComputable: { code: 'TOO_FEW', message: 'one unit; T-scores compare two or more' } });
    const [single] = summarise(def, [many[0]], () => 'one');
    expect(single.alpha).toMatchObject({ alpha: null, respondents: 1, notComputable: { code: 'TOO_FEW' } });
  });

  it('gives each site a T-score against all sites, and hoped-for against actual', () => {
    const sites = siteTScores(def, [...many, response({ site: 'P5', answers: { q1: 1, q2: 1, q3: 5, q4: 1 } })]);
    const means = sites.map((s) => s.total.mean!);
    expect(sites.map((s) => s.total.t)).toEqual(tScores(means).t);
    const eva = expectedVsActual(def, [response({ frame: 'hoped_for', answers: { q1: 5 } }), response({ timePoint: 'T3', answers: { q1: 3 } })], { timePoint: 'T1', frame: 'hoped_for' }, { timePoint: 'T3', frame: 'now' });
    expect(eva.items[0]).toMatchObject({ item: 'q1', expected: 5, actual: 3, difference: -2 });
  });

  it('reports element use like Table 2, with the share of the workforce', () => {
    const r = elementUse(def, many, 3, { P1: 10 });
    expect(r.sites).toEqual([{ site: 'P1', n: 2, shareOfWorkforce: 0.2 }, { site: 'P9', n: 2, shareOfWorkforce: null }]);
    expect(r.items[0].sites).toEqual([{ site: 'P1', answered: 2, using: 1, percent: 50 }, { site: 'P9', answered: 2, using: 2, percent: 100 }]);
  });
});
