import { readFileSync } from 'node:fs';
import { totpCode, totpStep } from '@mapwork/auth';
import { fromRepoRoot, instantToMillis } from '@mapwork/kernel';
import { TestApp } from './test-app';

export interface SignedInActor {
  id: string;
  username: string;
  token: string;
  auth: { Authorization: string };
}

/** The demo's published one-time-password secrets (seeds/demo/organisation.json). */
const DEMO_SECRETS = new Map<string, string>(
  (JSON.parse(readFileSync(fromRepoRoot('seeds/demo/organisation.json'), 'utf8')) as { users: Array<{ username: string; totpSecret?: string }> }).users
    .filter((u) => u.totpSecret)
    .map((u) => [u.username, u.totpSecret!]),
);

/** Per test app: the secrets this helper enrolled, and the last step each user's code was for. */
const known = new WeakMap<TestApp, { secrets: Map<string, string>; lastStep: Map<string, number> }>();

function stateOf(t: TestApp) {
  let state = known.get(t);
  if (!state) known.set(t, (state = { secrets: new Map(), lastStep: new Map() }));
  return state;
}

/** The one-time-password secret the tests know for a user: one this helper enrolled in this app, or the demo's. */
export function knownTotpSecret(t: TestApp, username: string): string | undefined {
  return stateOf(t).secrets.get(username) ?? DEMO_SECRETS.get(username);
}

/** Tells the helper a secret a test enrolled itself. */
export function rememberTotpSecret(t: TestApp, username: string, secret: string): void {
  stateOf(t).secrets.set(username, secret);
}

/**
 * A code for the user at the test clock, never for a step already used in this app (the
 * server refuses a replay; the code of the next step is accepted too). Two sign-ins of one
 * user in one 30-second step of a stopped clock are fine; a third needs the clock moved.
 */
export function nextTotpCode(t: TestApp, username: string): string {
  const secret = knownTotpSecret(t, username);
  if (!secret) throw new Error(`no one-time-password secret is known for ${username}`);
  const state = stateOf(t);
  const step = totpStep(instantToMillis(t.clock.now()));
  const use = Math.max(step, (state.lastStep.get(username) ?? -Infinity) + 1);
  if (use > step + 1) throw new Error(`${username} signed in with a one-time code twice in this 30-second step of the test clock: advance t.clock by 30 s`);
  state.lastStep.set(username, use);
  return totpCode(secret, use * 30_000);
}

function ok<T extends { status: number; body: unknown }>(res: T, status: number, what: string): T {
  if (res.status !== status) throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

/**
 * Signs in through the API as a person would: with the account's one-time code when it has
 * an app (the demo's secrets, or one this helper set up earlier), and setting an app up
 * first when the role requires one (admins, evaluators). Throws on anything else.
 */
export async function signIn(t: TestApp, username: string, password: string): Promise<SignedInActor> {
  let body = ok(await t.http().post('/api/v1/auth/sign-in').send({ username, password }), 200, `sign-in of ${username}`).body;
  if (body.outcome === 'second-factor-required') {
    body = ok(await t.http().post('/api/v1/auth/sign-in/second-factor').send({ challenge: body.challenge, totp: nextTotpCode(t, username) }), 200, `second factor of ${username}`).body;
  }
  if (body.outcome === 'enrolment-required') {
    const auth = { Authorization: `Bearer ${body.challenge}` };
    const enrolment = ok(await t.http().post('/api/v1/auth/totp/enrolment').set(auth), 201, `enrolment of ${username}`).body;
    rememberTotpSecret(t, username, enrolment.secret);
    body = ok(await t.http().post('/api/v1/auth/totp/enrolment/confirm').set(auth).send({ totp: nextTotpCode(t, username) }), 200, `enrolment of ${username}`).body.signIn;
  }
  if (body.outcome !== 'signed-in') throw new Error(`sign-in of ${username} ended with ${body.outcome}`);
  return { id: body.user.id, username, token: body.token, auth: { Authorization: `Bearer ${body.token}` } };
}
