import { UsersService } from '@mapwork/auth';
import { UserRole } from '@mapwork/persistence';
import { TestApp } from './test-app';

export const PASSWORD = 'correct horse battery staple';

export interface Actor {
  id: string;
  username: string;
  token: string;
  auth: { Authorization: string };
}

export interface World {
  site: string;
  teamA: { id: string; name: string };
  teamB: { id: string; name: string };
  /** social worker in team A */
  worker: Actor;
  /** second social worker in team A */
  colleague: Actor;
  /** social worker in team B only */
  outsider: Actor;
  /** team manager of team A */
  manager: Actor;
  admin: Actor;
  evaluator: Actor;
}

async function actor(t: TestApp, users: UsersService, username: string, role: UserRole, teamIds: string[]): Promise<Actor> {
  const user = await users.createUser({ username, displayName: username, role, password: PASSWORD, teamIds });
  const res = await t.http().post('/api/v1/auth/sign-in').send({ username, password: PASSWORD }).expect(200);
  return { id: user.id, username, token: res.body.token, auth: { Authorization: `Bearer ${res.body.token}` } };
}

/** One site with two teams and a user of every role. */
export async function buildWorld(t: TestApp): Promise<World> {
  const users = t.app.get(UsersService);
  await users.createSite('S1', 'Site One');
  const teamA = await users.createTeam('S1', 'Team A');
  const teamB = await users.createTeam('S1', 'Team B');
  return {
    site: 'S1',
    teamA,
    teamB,
    worker: await actor(t, users, 'worker', 'social_worker', [teamA.id]),
    colleague: await actor(t, users, 'colleague', 'social_worker', [teamA.id]),
    outsider: await actor(t, users, 'outsider', 'social_worker', [teamB.id]),
    manager: await actor(t, users, 'manager', 'team_manager', [teamA.id]),
    admin: await actor(t, users, 'admin', 'admin', []),
    evaluator: await actor(t, users, 'evaluator', 'evaluator', []),
  };
}

export const PEOPLE = [
  { id: 'c1', role: 'child', name: 'Ellie Carter', birthDate: '2013-06-14' },
  { id: 'p1', role: 'parent', name: 'Kerry Carter' },
  { id: 'n1', role: 'relative', name: 'Pauline Carter', relationship: 'grandmother' },
  { id: 'f1', role: 'friend', name: 'Sandra Osei' },
  { id: 'h1', role: 'professional', name: 'Priya Shah' },
];

export function mappingData(overrides: Record<string, unknown> = {}) {
  return {
    heldOn: '2020-01-06',
    kind: 'initial',
    participants: [{ role: 'professional', label: 'social worker' }, { personId: 'p1', role: 'parent' }],
    harm: [{ text: 'Police were called twice after fighting at home' }],
    complicatingFactors: [{ text: 'Dean has not engaged with alcohol services' }],
    existingStrengths: [{ text: 'Ellie attends school every day' }],
    existingSafety: [{ text: 'Kerry phoned Pauline, who collected Ellie' }],
    dangerStatements: [{ id: 'd1', worriedWho: 'school', behaviour: 'fighting after drinking', impact: 'Ellie could be hurt', text: 'We are worried that…' }],
    safetyGoals: [{ id: 'g1', text: 'Nobody gets hurt when adults disagree', addresses: ['d1'] }],
    nextSteps: [{ text: 'Ask Pauline about weekends', owner: 'social worker', dueOn: '2020-01-13' }],
    scaleRatings: [{ raterRole: 'professional', score: 3, reason: 'no plan yet' }, { raterRole: 'parent', personId: 'p1', score: 6 }],
    ...overrides,
  };
}

export function safetyPlanData(overrides: Record<string, unknown> = {}) {
  return {
    status: 'draft',
    agreedOn: null,
    lastReviewedOn: null,
    rules: [{ text: 'If an argument starts Kerry takes Ellie to Pauline', ensuredBy: ['p1', 'n1'] }],
    network: [{ personId: 'n1', commitment: 'will collect Ellie any time' }],
    goalIds: ['g1'],
    familyWords: true,
    ...overrides,
  };
}

export function networkMeetingData(overrides: Record<string, unknown> = {}) {
  return {
    heldOn: '2020-01-20',
    status: 'planned',
    attendees: [{ personId: 'p1', role: 'parent' }, { personId: 'n1', role: 'relative' }, { role: 'professional', label: 'health visitor' }],
    purpose: 'Agree a safety plan',
    outcome: null,
    ...overrides,
  };
}

export function childVoiceData(overrides: Record<string, unknown> = {}) {
  return { tool: 'three_houses', childId: 'c1', completedOn: '2020-01-10', summary: 'House of worries: shouting at night', attachment: null, ...overrides };
}

/** Opens a case in team A as the worker; returns its id. */
export async function openCase(t: TestApp, w: World, ref = 'S1-0001'): Promise<string> {
  const res = await t
    .http()
    .post('/api/v1/cases')
    .set(w.worker.auth)
    .send({ site: w.site, ref, team: w.teamA.name, stage: 'child_protection', openedOn: '2020-01-02', researchConsent: true, people: PEOPLE })
    .expect(201);
  return res.body.case.id;
}

/** A case with mapping m1 edited to version 4 a minute apart, and safety plan sp1 at version 1. */
export async function caseWithHistory(t: TestApp, w: World): Promise<string> {
  const caseId = await openCase(t, w);
  const base = `/api/v1/cases/${caseId}`;
  await t.http().post(`${base}/mappings`).set(w.worker.auth).send({ id: 'm1', data: mappingData() }).expect(201);
  for (let v = 1; v <= 3; v++) {
    t.clock.advance(60_000);
    await t.http().put(`${base}/mappings/m1`).set(w.worker.auth).send({ version: v, data: mappingData({ existingSafety: [{ text: `edit ${v}` }] }) }).expect(200);
  }
  await t.http().post(`${base}/safety-plans`).set(w.worker.auth).send({ id: 'sp1', data: safetyPlanData() }).expect(201);
  return caseId;
}
