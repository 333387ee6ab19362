import { TestApp, createTestApp } from './support/test-app';
import { World, buildWorld } from './support/world';

describe('users: how to reach them (e2e)', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  const newUser = (more: Record<string, unknown>) => ({ username: `u${Math.random().toString(36).slice(2, 10)}`, displayName: 'Ria Patel', role: 'social_worker', password: 'a long enough password', teamIds: [w.teamA.id], ...more });

  it('keeps an email and a phone number for a user, and lists them for admins', async () => {
    const created = await t.http().post('/api/v1/admin/users').set(w.admin.auth).send(newUser({ email: 'ria.patel@example.org', phone: '+44 (0)20 7946 0999' })).expect(201);
    expect(created.body).toMatchObject({ displayName: 'Ria Patel', email: 'ria.patel@example.org', phone: '+44 (0)20 7946 0999' });
    const listed = await t.http().get('/api/v1/admin/users').set(w.admin.auth).expect(200);
    expect(listed.body.items.find((u: { id: string }) => u.id === created.body.id)).toMatchObject({ email: 'ria.patel@example.org', phone: '+44 (0)20 7946 0999' });
    expect(listed.body.items.find((u: { id: string }) => u.id === w.worker.id)).toMatchObject({ email: null, phone: null });
  });

  it('changes them, and removes them with null, leaving what is not named alone', async () => {
    const id = (await t.http().post('/api/v1/admin/users').set(w.admin.auth).send(newUser({ email: 'old@example.org' })).expect(201)).body.id;
    const phoned = await t.http().patch(`/api/v1/admin/users/${id}`).set(w.admin.auth).send({ phone: '07700 900123' }).expect(200);
    expect(phoned.body).toMatchObject({ email: 'old@example.org', phone: '07700 900123' });
    const cleared = await t.http().patch(`/api/v1/admin/users/${id}`).set(w.admin.auth).send({ email: null }).expect(200);
    expect(cleared.body).toMatchObject({ email: null, phone: '07700 900123' });
  });

  it.each([
    ['020 7946 0321', true],
    ['+44 20 7946 0321', true],
    ['(0161) 496 0587', true],
    ['+1-202-555-0143', true],
    ['12345', false],
    ['call the office', false],
    ['020 7946 0321 ext 4', false],
    ['+44 20 7946 0321 0000 0000', false],
  ])('takes %j as a phone number: %s', async (phone, ok) => {
    const res = await t.http().post('/api/v1/admin/users').set(w.admin.auth).send(newUser({ phone }));
    if (ok) expect(res.status).toBe(201);
    else expect({ status: res.status, problems: res.body.errors.map((e: { pointer: string; rule: string }) => [e.pointer, e.rule]) }).toEqual({ status: 422, problems: [['/phone', 'matches']] });
  });

  it('refuses what is not an email address, naming the field and the rule, and writes nothing', async () => {
    const before = (await t.http().get('/api/v1/admin/users').set(w.admin.auth).expect(200)).body.length;
    const res = await t.http().post('/api/v1/admin/users').set(w.admin.auth).send(newUser({ email: 'ria at example' })).expect(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors).toEqual([expect.objectContaining({ pointer: '/email', rule: 'isEmail' })]);
    const patched = await t.http().patch(`/api/v1/admin/users/${w.worker.id}`).set(w.admin.auth).send({ email: '', phone: 7946 }).expect(422);
    expect(patched.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/email', '/phone', '/phone', '/phone']);
    expect((await t.http().get('/api/v1/admin/users').set(w.admin.auth).expect(200)).body.length).toBe(before);
  });

  it('describes them in the OpenAPI document', async () => {
    const doc = (await t.http().get('/api/docs-json').expect(200)).body;
    for (const dto of ['CreateUserDto', 'UpdateUserDto', 'AdminUserDto']) {
      expect(doc.components.schemas[dto].properties.email).toMatchObject({ format: 'email', nullable: true });
      expect(doc.components.schemas[dto].properties.phone).toMatchObject({ nullable: true });
    }
    expect(doc.components.schemas.CreateUserDto.properties.phone.pattern).toBeDefined();
    expect(doc.paths['/api/v1/admin/users'].get.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/UserPageDto');
    expect(doc.components.schemas.UserPageDto.properties.items.items.$ref).toBe('#/components/schemas/AdminUserDto');
  });
});
