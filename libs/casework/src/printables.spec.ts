import { MappingData, SafetyPlanData } from './domain';
import { renderFamilySafetyPlan } from './printables';

const mapping = (heldOn: string, goalText: string): MappingData =>
  ({
    heldOn, kind: 'review', participants: [], harm: [], complicatingFactors: [], existingStrengths: [], existingSafety: [], nextSteps: [], scaleRatings: [],
    dangerStatements: [{ id: 'd1', text: `worry as of ${heldOn}` }],
    safetyGoals: [{ id: 'g1', text: goalText, addresses: ['d1'] }],
  }) as MappingData;

describe('the family safety plan', () => {
  it('shows each goal and worry once, as the latest mapping words it', () => {
    const plan: SafetyPlanData = { status: 'agreed', agreedOn: '2020-01-10', rules: [{ text: 'rule', ensuredBy: ['p1'] }], network: [], goalIds: ['g1'] };
    const html = renderFamilySafetyPlan(
      { ref: 'R', team: 'Team A', worker: null, people: [{ id: 'c1', role: 'child', name: 'Ana' }, { id: 'p1', role: 'parent', name: 'Bea' }] },
      plan,
      { mappings: [mapping('2020-01-01', 'old goal'), mapping('2020-03-01', 'new goal')], meetings: [], on: '2020-03-02' },
    );
    expect(html.match(/new goal/g)).toHaveLength(1);
    expect(html).not.toContain('old goal');
    expect(html.match(/worry as of 2020-03-01/g)).toHaveLength(1);
    expect(html).not.toContain('worry as of 2020-01-01');
    expect(html).toContain('Who makes sure this happens: Bea');
    expect(html).toContain('Ana: our safety plan');
  });
});

describe('the family safety plan: who to call, when to look again, who signs', () => {
  const people = [
    { id: 'c1', role: 'child' as const, name: 'Ana' },
    { id: 'p1', role: 'parent' as const, name: 'Bea', relationship: 'mother' },
    { id: 'p2', role: 'parent' as const, name: 'Cal', deleted: true },
    { id: 'n1', role: 'relative' as const, name: 'Dot', relationship: 'maternal grandmother' },
    { id: 'f1', role: 'friend' as const, name: 'Eve' },
  ];
  const plan: SafetyPlanData = { status: 'active', agreedOn: '2018-05-21', lastReviewedOn: '2019-02-03', rules: [], network: [{ personId: 'n1' }, { personId: 'f1' }, { personId: 'p1' }] };
  const meeting = (heldOn: string, status: 'planned' | 'held' | 'cancelled') => ({ heldOn, status, attendees: [] });
  const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

  it('names the allocated worker and how to reach them, and writes dates in words', () => {
    const html = text(renderFamilySafetyPlan({ ref: 'R', team: 'Team A', people, worker: { name: 'Sam Okafor', email: 'sam@example.org', phone: '020 7946 0321' } }, plan, { mappings: [], meetings: [], on: '2019-03-01' }));
    expect(html).toContain('Sam Okafor , Team A');
    expect(html).toContain('Phone: 020 7946 0321');
    expect(html).toContain('Email: sam@example.org');
    expect(html).toContain('We agreed this plan on 21 May 2018.');
    expect(html).toContain('We last looked at this plan together on 3 February 2019.');
    expect(html).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('says whom to ask for the number when the worker has none recorded', () => {
    const html = text(renderFamilySafetyPlan({ ref: 'R', team: 'Team A', people, worker: { name: 'Sam Okafor', email: null, phone: null } }, plan, { mappings: [], meetings: [], on: '2019-03-01' }));
    expect(html).toContain("Ask Team A for Sam Okafor's phone number.");
    expect(html).not.toMatch(/Phone:|Email:/);
  });

  it('sends the family to the team when no worker is known', () => {
    const html = text(renderFamilySafetyPlan({ ref: 'R', team: 'Team A', people, worker: null }, plan, { mappings: [], meetings: [], on: '2019-03-01' }));
    expect(html).toContain("Your social worker's team: Team A . Ask your social worker's team who your social worker is and how to reach them.");
  });

  it('shows the next network meeting still to come, and leaves the next review for the family to write in', () => {
    const meetings = [meeting('2019-02-20', 'planned'), meeting('2019-04-10', 'cancelled'), meeting('2019-05-02', 'planned'), meeting('2019-03-15', 'planned')];
    const html = text(renderFamilySafetyPlan({ ref: 'R', team: 'Team A', people, worker: null }, plan, { mappings: [], meetings, on: '2019-03-01' }));
    expect(html).toContain('The next network meeting is planned for 15 March 2019.');
    expect(html).toContain('We will look at this plan again on:');
    const none = text(renderFamilySafetyPlan({ ref: 'R', team: 'Team A', people, worker: null }, plan, { mappings: [], meetings: [meeting('2019-02-20', 'planned')], on: '2019-03-01' }));
    expect(none).not.toContain('network meeting is planned');
  });

  it('has a line to sign for each parent and network member, once each, and for the social worker', () => {
    const html = renderFamilySafetyPlan({ ref: 'R', team: 'Team A', people, worker: { name: 'Sam Okafor', email: null, phone: null } }, plan, { mappings: [], meetings: [], on: '2019-03-01' });
    const rows = [...html.slice(html.indexOf('class="signatures"')).matchAll(/<th scope="row"[^>]*>([^<]*)<\/th>/g)].map((m) => m[1]);
    expect(rows).toEqual(['Bea (mum)', 'Dot (gran)', 'Eve', 'Sam Okafor (social worker)', '']);
  });
});
