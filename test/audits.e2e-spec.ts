import { UsersService } from '@mapwork/auth';
import { drawPerTeam } from '@mapwork/audits';
import { DemoSeeder } from '@mapwork/demo';
import { launchChromium } from './support/browser';
import { signIn } from './support/sign-in';
import { TestApp, createTestApp } from './support/test-app';

const SCRIPT = `<script>window.__xss=1</script><img src=x onerror="window.__xss=2">`;

type Auth = { Authorization: string };

describe('a collaborative audit round on the demo, from sampling to closed report (e2e)', () => {
  let t: TestApp;
  let manager: Auth;
  let moderator: Auth;
  let worker: Auth;
  let other: Auth;
  let evaluator: Auth;
  let ids: Record<string, string>;
  let teams: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp({ start: '2020-04-20T09:00:00.000Z' });
    const { password } = await t.app.get(DemoSeeder).seedIfEmpty();
    const users = t.app.get(UsersService);
    teams = Object.fromEntries((await users.listTeams()).map((x) => [`${x.site}/${x.name}`, x.id]));
    const as = async (username: string) => {
      const actor = await signIn(t, username, password);
      return [actor.auth, actor.id] as const;
    };
    let id: string;
    ids = {};
    [manager, id] = await as('morgan.manager');
    ids.manager = id;
    [moderator, id] = await as('lena.manager');
    ids.moderator = id;
    [worker, id] = await as('sam.worker');
    ids.worker = id;
    [other] = await as('jo.worker');
    [evaluator] = await as('eve.evaluator');
  });
  afterAll(() => t.close());

  let roundId: string;
  let audits: Array<{ id: string; version: number }>;

  it('plans a round for the manager’s teams and draws its named sample on frozen snapshots', async () => {
    const body = {
      name: 'Spring 2020 collaborative audits',
      teamIds: [teams['P9/Assessment Team A']],
      asOf: '2020-03-31T17:00:00Z',
      sample: { kind: 'named', cases: [{ site: 'P9', ref: 'P9-0001' }, { site: 'P9', ref: 'P9-0005' }] },
      dueOn: '2020-04-30',
    };
    await t.http().post('/api/v1/audit-rounds').set(manager).send({ ...body, teamIds: [teams['P8/Locality Team North']] }).expect(422);
    await t.http().post('/api/v1/audit-rounds').set(manager).send({ ...body, sample: { kind: 'named', cases: [{ site: 'P9', ref: 'P9-0001' }, { site: 'P9', ref: 'P9-0001' }] } }).expect(422);
    await t.http().post('/api/v1/audit-rounds').set(worker).send(body).expect(403);
    const round = await t.http().post('/api/v1/audit-rounds').set(manager).send(body).expect(201);
    roundId = round.body.id;
    expect(round.body).toMatchObject({ status: 'planned', auditors: [ids.manager], audits: [] });

    const drawn = await t.http().post(`/api/v1/audit-rounds/${roundId}/draw`).set(manager).expect(200);
    expect(drawn.body.status).toBe('in_progress');
    expect(drawn.body.drawn.map((d: { ref: string }) => d.ref)).toEqual(['P9-0001', 'P9-0005']);
    audits = drawn.body.audits;
    expect(drawn.body.audits.map((a: { ref: string }) => a.ref)).toEqual(['P9-0001', 'P9-0005']);
    await t.http().post(`/api/v1/audit-rounds/${roundId}/draw`).set(manager).expect(409);

    const audit = await t.http().get(`/api/v1/audits/${audits[0].id}`).set(worker).expect(200);
    expect(audit.body.snapshot).toMatchObject({ format: 'mapwork-audit-snapshot/1', asOf: '2020-03-31T17:00:00.000Z' });
    expect(audit.body.snapshot.fidelity.indicators.mapping_recorded).toBe(true);
    expect(audit.body.workerId).toBe(ids.worker);
    await t.http().get(`/api/v1/audits/${audits[0].id}`).set(other).expect(404);
  });

  it('draws a random sample that anyone can repeat from its seed', async () => {
    const round = await t.http().post('/api/v1/audit-rounds').set(manager)
      .send({ name: 'Random', teamIds: [teams['P9/Assessment Team A'], teams['P9/Assessment Team B']], asOf: '2020-03-31T17:00:00Z', sample: { kind: 'random', perTeam: 2, seed: 'spring-2020' }, dueOn: '2020-05-31' })
      .expect(201);
    const drawn = await t.http().post(`/api/v1/audit-rounds/${round.body.id}/draw`).set(manager).expect(200);
    const cases = (await t.http().get('/api/v1/cases?site=P9&pageSize=200').set(manager).expect(200)).body.items as Array<{ id: string; ref: string; teamId: string; site: string }>;
    const again = drawPerTeam(cases.map((c) => ({ caseId: c.id, site: c.site, ref: c.ref, teamId: c.teamId })), 2, 'spring-2020');
    expect(drawn.body.drawn.map((d: { ref: string }) => d.ref)).toEqual(again.map((c) => c.ref));
    expect(drawn.body.audits).toHaveLength(4);
  });

  it('lets auditor and worker confirm or dispute each indicator, keeping both, and write the appreciative sections', async () => {
    const [a] = audits;
    let v = 1;
    const byAuditor = await t.http().patch(`/api/v1/audits/${a.id}`).set(manager).send({
      version: v,
      verdicts: { family_involved_in_mapping: { verdict: 'confirm' }, safety_plan_reviewed: { verdict: 'dispute', note: 'the review in May did not change the plan' } },
      workingWell: ['The network meeting brought Pauline and the neighbour into the plan'],
      grade: 'good',
      practiceScale: { score: 7, reason: 'Danger statement and goal are clear' },
      actions: [{ text: 'Record the child’s views with Three Houses', owner: 'Sam', dueOn: '2020-04-10' }, { text: 'Update the plan after the core group', owner: 'Sam', dueOn: '2020-06-01' }],
    }).expect(200);
    v = byAuditor.body.version;
    const byWorker = await t.http().patch(`/api/v1/audits/${a.id}`).set(worker).send({
      version: v,
      verdicts: { safety_plan_reviewed: { verdict: 'confirm', note: 'the rules changed after the core group' } },
      worries: ['Dean’s drinking at weekends'],
      needsToHappen: ['Pauline to join the next review', SCRIPT],
      familyFeedback: { knowsThereIsAPlan: 'yes', planRepresentsFamilyViews: 'partly', understandsTheWorries: 'yes', agreesWithWorkerOnWhatMustChange: 'partly' },
    }).expect(200);
    v = byWorker.body.version;
    expect(byWorker.body.state.verdicts.safety_plan_reviewed).toMatchObject({ auditor: { verdict: 'dispute' }, worker: { verdict: 'confirm' } });
    await t.http().patch(`/api/v1/audits/${a.id}`).set(worker).send({ version: v, grade: 'outstanding' }).expect(422);
    await t.http().patch(`/api/v1/audits/${a.id}`).set(worker).send({ version: 1, worries: ['stale'] }).expect(409);
    await t.http().patch(`/api/v1/audits/${a.id}`).set(worker).send({ version: v, verdicts: { risk_score: { verdict: 'confirm' } } }).expect(422);
    audits[0].version = v;

    const overdue = await t.http().get('/api/v1/audits/overdue-actions').set(manager).expect(200);
    expect(overdue.body.items.map((x: { text: string }) => x.text)).toEqual(['Record the child’s views with Three Houses']);
    await t.http().get('/api/v1/audits/overdue-actions').set(worker).expect(403);
  });

  it('locks the audit once both sign off; later changes are amendments with a reason and their own revision', async () => {
    for (const [i, a] of audits.entries()) {
      let v = a.version;
      if (i === 1) v = (await t.http().patch(`/api/v1/audits/${a.id}`).set(manager).send({ version: v, grade: 'requires_improvement' }).expect(200)).body.version;
      v = (await t.http().post(`/api/v1/audits/${a.id}/sign-off`).set(manager).send({ version: v }).expect(200)).body.version;
      await t.http().post(`/api/v1/audits/${a.id}/sign-off`).set(manager).send({ version: v }).expect(409);
      v = (await t.http().post(`/api/v1/audits/${a.id}/sign-off`).set(worker).send({ version: v }).expect(200)).body.version;
      a.version = v;
    }
    const [a] = audits;
    const locked = await t.http().patch(`/api/v1/audits/${a.id}`).set(worker).send({ version: a.version, worries: ['late thought'] }).expect(409);
    expect(locked.body.code).toBe('AUDIT_LOCKED');
    await t.http().patch(`/api/v1/audits/${a.id}`).set(worker).send({ version: a.version, worries: ['late thought'], amendment: true }).expect(422);
    const amended = await t.http().patch(`/api/v1/audits/${a.id}`).set(worker).send({ version: a.version, worries: ['Dean’s drinking at weekends', 'late thought'], amendment: true, reason: 'remembered after sign-off' }).expect(200);
    a.version = amended.body.version;
    const history = await t.http().get(`/api/v1/audits/${a.id}/history`).set(manager).expect(200);
    expect(history.body.items[0]).toMatchObject({ by: ids.worker, reason: 'amendment: remembered after sign-off' });
  });

  it('moderates in the moderation stage, by a manager other than the auditor, then closes with a report', async () => {
    await t.http().post(`/api/v1/audits/${audits[0].id}/moderation`).set(moderator).send({ version: audits[0].version, grade: 'good' }).expect(409);
    await t.http().post(`/api/v1/audit-rounds/${roundId}/status`).set(manager).send({ status: 'closed' }).expect(409);
    await t.http().post(`/api/v1/audit-rounds/${roundId}/status`).set(manager).send({ status: 'moderation' }).expect(200);
    await t.http().post(`/api/v1/audits/${audits[0].id}/moderation`).set(manager).send({ version: audits[0].version, grade: 'good' }).expect(403);
    await t.http().post(`/api/v1/audits/${audits[0].id}/moderation`).set(moderator).send({ version: audits[0].version, grade: 'good', note: 'agree' }).expect(200);
    await t.http().post(`/api/v1/audits/${audits[1].id}/moderation`).set(moderator).send({ version: audits[1].version, grade: 'good', note: 'better than graded' }).expect(200);
    await t.http().post(`/api/v1/audit-rounds/${roundId}/status`).set(manager).send({ status: 'closed' }).expect(200);

    const report = await t.http().get(`/api/v1/audit-rounds/${roundId}/report`).set(manager).expect(200);
    expect(report.body).toMatchObject({ format: 'mapwork-round-report/1', cases: 2, signedOff: 2, grades: { outstanding: 0, good: 1, requires_improvement: 1, inadequate: 0 } });
    expect(report.body.round.status).toBe('closed');
    expect(report.body.teams[0]).toMatchObject({ team: 'Assessment Team A', current: { cases: 2 } });
    expect(report.body.themes.workingWell).toEqual(['The network meeting brought Pauline and the neighbour into the plan']);
    expect(report.body.themes.needsToHappen).toEqual(['Pauline to join the next review', SCRIPT]);
    expect(report.body.actionsOutstanding.map((x: { text: string; overdue: boolean }) => [x.text, x.overdue])).toEqual([
      ['Record the child’s views with Three Houses', true],
      ['Update the plan after the core group', false],
    ]);
    // one grade the same, one a grade apart (2/3 agreement on the linear weights): weighted observed agreement 5/6
    const moderation = report.body.agreement.moderation;
    expect(moderation).toMatchObject({ moderated: 2, n: 2, kappa: 0, notComputable: null });
    expect(moderation.observed).toBeCloseTo(5 / 6, 12);
    expect(moderation.expected).toBeCloseTo(5 / 6, 12);
    expect(moderation.kappa).toBe((moderation.observed - moderation.expected) / (1 - moderation.expected));
    const reviewed = report.body.agreement.indicators.find((i: { indicator: string }) => i.indicator === 'safety_plan_reviewed');
    expect(reviewed).toMatchObject({ n: 1, observed: 0 });
    await t.http().get(`/api/v1/audit-rounds/${roundId}/report`).set(evaluator).expect(403);

    // the report and the worker's audit record as pages: escaped, and inert in a real browser
    const page = await t.http().get(`/api/v1/audit-rounds/${roundId}/report?format=html`).set(manager).expect(200);
    const record = await t.http().get(`/api/v1/audits/${audits[0].id}/print`).set(worker).expect(200);
    expect(page.text).toContain('Spring 2020 collaborative audits');
    expect(page.text).toContain('observed agreement 0.833, agreement expected by chance 0.833, weighted kappa 0.000');
    expect(record.text).toContain('Case audit: P9-0001');
    expect(record.text).toMatch(/Signed off by the auditor on \d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2} and by the worker/);
    const browser = await launchChromium();
    try {
      for (const res of [page, record]) {
        expect(res.headers['content-security-policy']).toContain("default-src 'none'");
        expect(res.text).not.toMatch(/<script|<img/i);
        const tab = await browser.newPage();
        await tab.setContent(res.text, { waitUntil: 'load' });
        if (process.env.MAPWORK_SCREENSHOTS) await tab.screenshot({ path: `${process.env.MAPWORK_SCREENSHOTS}/${res === page ? 'round-report' : 'case-audit'}.png`, fullPage: true });
        expect(await tab.evaluate('window.__xss === undefined')).toBe(true);
        expect(await tab.evaluate('document.body.innerText')).toContain(SCRIPT);
        await tab.close();
      }
    } finally {
      await browser.close();
    }
    await t.http().get(`/api/v1/audits/${audits[0].id}/print`).set(other).expect(404);
    await t.http().patch(`/api/v1/audits/${audits[0].id}`).set(worker).send({ version: audits[0].version + 1, worries: ['x'], amendment: true, reason: 'r' }).expect(409);
  });

  it('leaves out cases closed before the round’s instant', async () => {
    const list = (await t.http().get('/api/v1/cases?site=P9&ref=P9-0003').set(worker).expect(200)).body.items[0];
    t.clock.advance(60_000);
    await t.http().put(`/api/v1/cases/${list.id}`).set(worker).set('If-Match', `"${list.version}"`)
      .send({ ref: 'P9-0003', team: list.team, stage: list.stage, openedOn: list.openedOn, closedOn: '2020-04-01', worker: list.worker, researchConsent: true, reason: 'case closed' })
      .expect(200);
    t.clock.advance(60_000);
    const asOf = t.clock.now();
    const named = await t.http().post('/api/v1/audit-rounds').set(manager)
      .send({ name: 'After closure', teamIds: [teams['P9/Assessment Team A']], asOf, sample: { kind: 'named', cases: [{ site: 'P9', ref: 'P9-0003' }] }, dueOn: '2020-05-31' })
      .expect(201);
    const refused = await t.http().post(`/api/v1/audit-rounds/${named.body.id}/draw`).set(manager).expect(422);
    expect(refused.body.errors[0]).toMatchObject({ pointer: '/sample/cases/0', rule: 'eligible' });
    const random = await t.http().post('/api/v1/audit-rounds').set(manager)
      .send({ name: 'After closure, all', teamIds: [teams['P9/Assessment Team A']], asOf, sample: { kind: 'random', perTeam: 10, seed: 's' }, dueOn: '2020-05-31' })
      .expect(201);
    const drawn = await t.http().post(`/api/v1/audit-rounds/${random.body.id}/draw`).set(manager).expect(200);
    expect(drawn.body.drawn.map((d: { ref: string }) => d.ref)).not.toContain('P9-0003');
    expect(drawn.body.drawn).toHaveLength(4);
    // judged as at an instant before the closure, the same case is in; and its report sets rates against the previous round
    const before = await t.http().post('/api/v1/audit-rounds').set(manager)
      .send({ name: 'Before closure', teamIds: [teams['P9/Assessment Team A']], asOf: '2020-03-31T17:00:00Z', sample: { kind: 'named', cases: [{ site: 'P9', ref: 'P9-0003' }] }, dueOn: '2020-05-31', previousRoundId: roundId })
      .expect(201);
    await t.http().post(`/api/v1/audit-rounds/${before.body.id}/draw`).set(manager).expect(200);
    const report = await t.http().get(`/api/v1/audit-rounds/${before.body.id}/report`).set(manager).expect(200);
    const teamA = report.body.teams.find((x: { team: string }) => x.team === 'Assessment Team A');
    expect(teamA.current.cases).toBe(1);
    expect(teamA.previous).toMatchObject({ cases: 2, indicators: { family_involved_in_mapping: { met: 1, applicable: 2 } } });
  });
});
