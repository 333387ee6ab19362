import { readFileSync, readdirSync } from 'node:fs';
import { fromRepoRoot } from '@mapwork/kernel';

interface User {
  username: string;
  displayName: string;
  role: string;
  teams: string[];
  email: string;
  phone: string;
}
interface CaseFile {
  site: { code: string };
  cases: Array<{ ref: string; team: string; worker: string; records: Array<{ revisions: Array<{ by: string }> }> }>;
}

/** The demo must let every user finish their job: whoever the case files name can sign in and sees the case. */
describe('the demo data', () => {
  const org = JSON.parse(readFileSync(fromRepoRoot('seeds/demo/organisation.json'), 'utf8')) as { sites: string[]; teams: Array<{ site: string; name: string }>; users: User[] };
  const users = new Map(org.users.map((u) => [u.username, u]));
  const files = readdirSync(fromRepoRoot('seeds/demo'))
    .filter((f) => f.endsWith('.casefile.json'))
    .map((f) => JSON.parse(readFileSync(fromRepoRoot('seeds/demo', f), 'utf8')) as CaseFile);

  it('names as worker and author only social workers of the case’s team', () => {
    expect(files.length).toBe(4);
    for (const file of files) {
      for (const c of file.cases) {
        const team = `${file.site.code}/${c.team}`;
        for (const name of new Set([c.worker, ...c.records.flatMap((r) => r.revisions.map((v) => v.by))])) {
          const u = users.get(name);
          expect({ ref: c.ref, name, role: u?.role, inTeam: u?.teams.includes(team) }).toEqual({ ref: c.ref, name, role: 'social_worker', inTeam: true });
        }
      }
    }
  });

  it('gives every site two team managers of all its teams', () => {
    for (const site of org.sites) {
      const teams = org.teams.filter((t) => t.site === site).map((t) => `${site}/${t.name}`);
      const managers = org.users.filter((u) => u.role === 'team_manager' && teams.every((t) => u.teams.includes(t)));
      expect({ site, managers: managers.length }).toEqual({ site, managers: 2 });
    }
  });

  it('gives every user a unique username, a name, an example.org address and a drama-range phone number', () => {
    expect(users.size).toBe(org.users.length);
    for (const u of org.users) {
      expect(u.displayName).toMatch(/^\S+ \S+/);
      expect(u.email).toMatch(/^[a-z.]+@example\.org$/);
      expect(u.phone).toMatch(/^01632 960\d{3}$/);
    }
    expect(new Set(org.users.map((u) => u.phone)).size).toBe(org.users.length);
  });
});
