import { UsersService } from '@mapwork/auth';
import { Route, concrete } from './routes';
import { TestApp } from './test-app';
import { PASSWORD, PEOPLE, World, childVoiceData, mappingData, networkMeetingData, openCase, safetyPlanData } from './world';

type Auth = { Authorization: string };

export interface ValidRequest {
  path: string;
  auth?: Auth;
  body: unknown;
}

const RECORD_DATA: Record<string, () => Record<string, unknown>> = {
  mappings: mappingData,
  'safety-plans': safetyPlanData,
  'network-meetings': networkMeetingData,
  'child-voice': childVoiceData,
};

/**
 * For every route of the API with a JSON body, a request that succeeds, made ready on
 * records of its own (a fresh case, record, round…) so that routes can be tried in any
 * order. Throws for a route it does not know, so a new route must be added here.
 */
export class ValidRequests {
  private serial = 0;
  private moderator?: Auth;
  private secondWorker?: string;

  constructor(
    private readonly t: TestApp,
    private readonly w: World,
  ) {}

  private fresh(prefix: string) {
    return `${prefix}${++this.serial}`;
  }

  private async send(method: Route['method'], path: string, auth: Auth, body: unknown, status: number) {
    const res = await this.t.http()[method](path).set(auth).send(body as object);
    if (res.status !== status) throw new Error(`preparing ${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async for(route: Route): Promise<ValidRequest> {
    const { w } = this;
    const key = `${route.method} ${route.path}`;
    const admin = w.admin.auth;
    switch (key) {
      case 'post /api/v1/auth/sign-in':
        return { path: route.path, body: { username: 'worker', password: PASSWORD } };
      case 'post /api/v1/admin/sites':
        return { path: route.path, auth: admin, body: { code: this.fresh('X'), name: 'Another site', kind: 'evaluation' } };
      case 'post /api/v1/admin/teams':
        return { path: route.path, auth: admin, body: { site: w.site, name: this.fresh('Team ') } };
      case 'post /api/v1/admin/users':
        return { path: route.path, auth: admin, body: { username: this.fresh('user'), displayName: 'New User', role: 'social_worker', password: PASSWORD, teamIds: [w.teamA.id], email: 'new@example.org', phone: '020 7946 0321' } };
      case 'patch /api/v1/admin/users/{userId}':
        return { path: concrete(route.path, { userId: w.colleague.id }), auth: admin, body: { displayName: 'Colleague', role: 'social_worker', teamIds: [w.teamA.id], disabled: false, email: 'c@example.org', phone: '+44 20 7946 0321' } };
      case 'post /api/v1/cases':
        return { path: route.path, auth: w.worker.auth, body: { site: w.site, ref: this.fresh('S1-9'), team: w.teamA.name, stage: 'child_protection', openedOn: '2020-01-02', researchConsent: true, people: PEOPLE } };
      case 'post /api/v1/imports':
        return { path: route.path, auth: w.evaluator.auth, body: caseFile(this.fresh('EV')) };
      case 'post /api/v1/instruments':
        return { path: route.path, auth: admin, body: { definition: instrument(this.fresh('inst-')) } };
      case 'post /api/v1/instruments/{id}/responses': {
        const definition = instrument(this.fresh('inst-'));
        await this.send('post', '/api/v1/instruments', admin, { definition }, 201);
        return { path: concrete(route.path, { id: definition.id }), auth: w.evaluator.auth, body: { respondentKind: 'parent', site: w.site, caseRef: 'S1-0001', timePoint: 'T1', frame: 'now', answers: { q1: 3, q2: null } } };
      }
      case 'put /api/v1/evaluation/scoring-sheets/{site}/{ref}': {
        const ref = this.fresh('S1-8');
        await openCase(this.t, w, ref);
        return { path: concrete(route.path, { site: w.site, ref }), auth: w.evaluator.auth, body: { judgements: { mapping_recorded: { value: true, note: 'seen' }, safety_plan_reviewed: { value: null } }, reason: 'first reading' } };
      }
      case 'post /api/v1/audit-rounds':
        return { path: route.path, auth: w.manager.auth, body: await this.roundBody() };
      case 'post /api/v1/audit-rounds/{roundId}/status': {
        const { roundId } = await this.signedOffRound();
        return { path: concrete(route.path, { roundId }), auth: w.manager.auth, body: { status: 'moderation' } };
      }
      case 'patch /api/v1/audits/{auditId}': {
        const { audit } = await this.drawnRound();
        return {
          path: concrete(route.path, { auditId: audit.id }),
          auth: w.manager.auth,
          body: {
            version: audit.version,
            reason: 'first meeting',
            verdicts: { mapping_recorded: { verdict: 'confirm', note: 'on the file' } },
            workingWell: ['the plan is in the family’s words'],
            worries: ['no network meeting yet'],
            needsToHappen: ['hold one'],
            practiceScale: { score: 6, reason: 'good start' },
            familyFeedback: { knowsThereIsAPlan: 'yes', planRepresentsFamilyViews: 'partly', understandsTheWorries: 'yes', agreesWithWorkerOnWhatMustChange: 'no' },
            actions: [{ text: 'Hold a network meeting', owner: 'worker', dueOn: '2020-02-01' }],
            grade: 'good',
          },
        };
      }
      case 'post /api/v1/audits/{auditId}/sign-off': {
        const { audit } = await this.gradedRound();
        return { path: concrete(route.path, { auditId: audit.id }), auth: w.manager.auth, body: { version: audit.version } };
      }
      case 'post /api/v1/audits/{auditId}/moderation': {
        const { roundId, audit } = await this.signedOffRound();
        await this.send('post', `/api/v1/audit-rounds/${roundId}/status`, w.manager.auth, { status: 'moderation' }, 200);
        return { path: concrete(route.path, { auditId: audit.id }), auth: await this.moderatorAuth(), body: { version: audit.version, grade: 'good', note: 'agree' } };
      }
      case 'post /api/v1/audits/{auditId}/reassign': {
        const { audit } = await this.drawnRound();
        return { path: concrete(route.path, { auditId: audit.id }), auth: w.manager.auth, body: { version: audit.version, worker: await this.secondWorkerId(), reason: 'the worker has left the team' } };
      }
      case 'post /api/v1/audits/{auditId}/withdraw': {
        const { audit } = await this.drawnRound();
        return { path: concrete(route.path, { auditId: audit.id }), auth: w.manager.auth, body: { version: audit.version, reason: 'the case moved to another authority' } };
      }
    }
    if (route.path.startsWith('/api/v1/cases/{caseId}')) return this.onCase(route);
    throw new Error(`no valid request known for ${key}: add one to test/support/valid-requests.ts`);
  }

  /** Routes under a case: a fresh case for its own fields, a fresh person or record otherwise. */
  private async onCase(route: Route): Promise<ValidRequest> {
    const { w } = this;
    const auth = w.worker.auth;
    const ref = this.fresh('S1-7');
    const caseId = await openCase(this.t, w, ref);
    const base = `/api/v1/cases/${caseId}`;
    const [, , , , , kind, , action] = route.path.split('/');
    const versioned = async (path: string, changed: unknown) => {
      if (action === 'restore') await this.send('delete', path, auth, { version: 1 }, 200);
      if (action === 'revert') await this.send('put', path, auth, changed, 200);
    };
    const afterChange = action === 'restore' || action === 'revert' ? { version: 2, ...(action === 'revert' ? { toVersion: 1 } : {}), reason: 'put back' } : { version: 1, reason: 'mistake' };

    if (kind === undefined || ['restore', 'revert'].includes(kind)) {
      const fields = { ref, team: w.teamA.name, stage: 'child_in_need', openedOn: '2020-01-02', closedOn: null, worker: w.worker.id, researchConsent: false };
      if (route.method === 'put') return { path: base, auth, body: { version: 1, ...fields, reason: 'stepped down' } };
      if (kind) {
        if (kind === 'restore') await this.send('delete', base, auth, { version: 1 }, 200);
        else await this.send('put', base, auth, { version: 1, ...fields }, 200);
      }
      return { path: kind ? `${base}/${kind}` : base, auth, body: kind ? { version: 2, ...(kind === 'revert' ? { toVersion: 1 } : {}) } : { version: 1, reason: 'opened twice' } };
    }
    if (kind === 'people') {
      if (route.method === 'post' && route.path.endsWith('/people')) return { path: `${base}/people`, auth, body: { id: 'x1', role: 'friend', name: 'Lee', birthDate: null, relationship: 'neighbour', reason: 'met at school' } };
      const path = `${base}/people/f1`;
      const changed = { version: 1, role: 'friend', name: 'Sandra Osei-Brown', relationship: null, reason: 'married' };
      if (route.method === 'put') return { path, auth, body: changed };
      await versioned(path, changed);
      return { path: action ? `${path}/${action}` : path, auth, body: afterChange };
    }
    const data = RECORD_DATA[kind];
    if (!data) throw new Error(`no valid request known for ${route.method} ${route.path}`);
    if (route.method === 'post' && route.path.endsWith(kind)) return { path: `${base}/${kind}`, auth, body: { id: 'r1', data: data(), reason: 'first version' } };
    await this.send('post', `${base}/${kind}`, auth, { id: 'r1', data: data() }, 201);
    const path = `${base}/${kind}/r1`;
    const changed = { version: 1, data: data(), reason: 'second look' };
    if (route.method === 'put') return { path, auth, body: changed };
    await versioned(path, changed);
    return { path: action ? `${path}/${action}` : path, auth, body: afterChange };
  }

  private async roundBody() {
    const ref = this.fresh('S1-6');
    await openCase(this.t, this.w, ref);
    this.t.clock.advance(1000);
    return {
      name: 'Spring audits',
      teamIds: [this.w.teamA.id],
      asOf: this.t.clock.now().replace(/\.\d+Z$/, 'Z'),
      sample: { kind: 'named', cases: [{ site: this.w.site, ref }] },
      auditors: [this.w.manager.id],
      dueOn: '2020-03-01',
    };
  }

  private async drawnRound(): Promise<{ roundId: string; audit: { id: string; version: number } }> {
    const round = await this.send('post', '/api/v1/audit-rounds', this.w.manager.auth, await this.roundBody(), 201);
    const drawn = await this.send('post', `/api/v1/audit-rounds/${round.id}/draw`, this.w.manager.auth, {}, 200);
    return { roundId: round.id, audit: drawn.audits[0] };
  }

  /** A drawn round whose one audit the auditor has graded. */
  private async gradedRound(): Promise<{ roundId: string; audit: { id: string; version: number } }> {
    const { roundId, audit } = await this.drawnRound();
    const graded = await this.send('patch', `/api/v1/audits/${audit.id}`, this.w.manager.auth, { version: audit.version, grade: 'good' }, 200);
    return { roundId, audit: { id: audit.id, version: graded.version } };
  }

  /** A drawn round whose one audit both auditor and worker have signed off. */
  private async signedOffRound(): Promise<{ roundId: string; audit: { id: string; version: number } }> {
    const { roundId, audit } = await this.gradedRound();
    let version = audit.version;
    for (const who of [this.w.manager.auth, this.w.worker.auth]) {
      version = (await this.send('post', `/api/v1/audits/${audit.id}/sign-off`, who, { version }, 200)).version;
    }
    return { roundId, audit: { id: audit.id, version } };
  }

  /** A second social worker of team A, to reassign audits to. */
  private async secondWorkerId(): Promise<string> {
    this.secondWorker ??= (await this.t.app.get(UsersService).createUser({ username: 'second.worker', displayName: 'Second Worker', role: 'social_worker', password: PASSWORD, teamIds: [this.w.teamA.id] })).id;
    return this.secondWorker;
  }

  /** A second manager of team A, who may moderate the first one's audits. */
  private async moderatorAuth(): Promise<Auth> {
    if (!this.moderator) {
      await this.t.app.get(UsersService).createUser({ username: 'moderator', displayName: 'Moderator', role: 'team_manager', password: PASSWORD, teamIds: [this.w.teamA.id] });
      const res = await this.t.http().post('/api/v1/auth/sign-in').send({ username: 'moderator', password: PASSWORD });
      this.moderator = { Authorization: `Bearer ${res.body.token}` };
    }
    return this.moderator;
  }
}

function instrument(id: string) {
  return {
    id,
    name: 'Engagement',
    description: 'how engaged the family feels',
    scale: { min: 1, max: 5, labels: { '1': 'never', '5': 'always' } },
    frames: ['now', 'hoped_for'],
    respondentKinds: ['parent'],
    items: [{ id: 'q1', label: 'listened to', reverse: false }, { id: 'q2', wording: null, reverse: true }],
    subscales: [{ id: 'listening', name: 'Listening', items: ['q1', 'q2'] }],
  };
}

function caseFile(site: string) {
  return {
    format: 'sofs-casefile/1',
    exportedAt: '2020-03-31T12:00:00Z',
    site: { code: site, name: 'Evaluation workspace' },
    cases: [
      {
        ref: `${site}-1`,
        team: 'Team A',
        worker: 'sw-1',
        stage: 'child_protection',
        openedOn: '2019-01-02',
        closedOn: null,
        researchConsent: true,
        people: [{ id: 'c1', role: 'child', name: 'Sam Example', birthDate: '2013-02-01' }, { id: 'p1', role: 'parent', name: 'Alex Example' }],
        records: [{ type: 'mapping', id: 'm1', revisions: [{ at: '2019-05-02T09:00:00Z', by: 'sw-1', reason: null, data: mappingData({ participants: [{ personId: 'p1', role: 'parent' }], scaleRatings: [{ raterRole: 'parent', personId: 'p1', score: 4 }] }) }] }],
      },
    ],
  };
}
