import { CaseFidelity, INDICATORS } from '@mapwork/fidelity';
import { cohenKappa } from '@mapwork/statistics';
import { agreementReport } from './agreement';

const computed = (ref: string, family: boolean): CaseFidelity =>
  ({ ref, site: 'S', team: null, worker: null, fidelity_index: 0, depth_index: null, indicators: Object.fromEntries(INDICATORS.map((i) => [i, i === 'family_involved_in_mapping' ? family : null])) }) as CaseFidelity;

describe('agreementReport', () => {
  it('kappa between two raters and against the computed value, listing disagreements', () => {
    const cases = [computed('a', true), computed('b', true), computed('c', false), computed('d', false)];
    const sheet = (v: boolean | null) => ({ judgements: { family_involved_in_mapping: { value: v, note: null } } });
    const first = { rater: 'r1', sheets: new Map([['a', sheet(true)], ['b', sheet(false)], ['c', sheet(false)], ['d', sheet(false)]]) };
    const second = { rater: 'r2', sheets: new Map([['a', sheet(true)], ['b', sheet(true)], ['c', sheet(null)]]) };
    const report = agreementReport('2020-01-01T00:00:00Z', cases, [first, second]);
    const family = report.indicators.find((i) => i.indicator === 'family_involved_in_mapping')!;
    expect(family.betweenRaters).toMatchObject({ n: 3, observed: 1 / 3, kappa: cohenKappa([[true, true], [false, true], [false, null]]).kappa });
    expect(family.betweenRaters!.disagreements).toEqual([{ ref: 'b', first: false, second: true }, { ref: 'c', first: false, second: null }]);
    expect(family.withComputed[0]).toMatchObject({ rater: 'r1', n: 4, observed: 0.75, disagreements: [{ ref: 'b', first: false, second: true }] });
    expect(family.withComputed[1]).toMatchObject({ rater: 'r2', n: 3 });
    const other = report.indicators.find((i) => i.indicator === 'mapping_recorded')!;
    expect(other.betweenRaters).toMatchObject({ n: 0, kappa: null });
  });
});
