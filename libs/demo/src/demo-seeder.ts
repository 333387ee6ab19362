import { readFileSync, readdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { UsersRepository, UsersService } from '@mapwork/auth';
import { CasesService, PersonState, RECORD_KINDS, RecordData, RecordsService, cleanPerson, recordReferenceProblems } from '@mapwork/casework';
import { fromRepoRoot } from '@mapwork/kernel';
import { TransactionRunner, UserRole } from '@mapwork/persistence';
import { RecordType, RevisionsService } from '@mapwork/revisions';

interface Organisation {
  password: string;
  sites: { code: string; name: string }[];
  teams: { site: string; name: string }[];
  users: { username: string; displayName: string; role: UserRole; teams: string[] }[];
}

interface SeedCaseFile {
  format: string;
  site: { code: string };
  cases: {
    ref: string;
    team: string;
    worker?: string | null;
    stage: string;
    openedOn: string;
    closedOn?: string | null;
    researchConsent?: boolean;
    people: PersonState[];
    records: { type: RecordType; id: string; revisions: { at: string; by: string; reason?: string | null; data: RecordData | null }[] }[];
  }[];
}

export interface DemoSummary {
  seeded: boolean;
  password: string;
  users: { username: string; role: string; teams: string[] }[];
  cases: number;
}

const SYSTEM_SEED = 'system:seed';

/**
 * Loads `seeds/demo/`: sites, teams and users, then case files (in the interchange
 * shape, with `by` naming demo usernames) written revision by revision at their own
 * instants, so history, diff and as-of have something real to show.
 */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly tx: TransactionRunner,
    private readonly users: UsersService,
    private readonly usersRepository: UsersRepository,
    private readonly cases: CasesService,
    private readonly records: RecordsService,
    private readonly revisions: RevisionsService,
  ) {}

  organisation(): Organisation {
    return JSON.parse(readFileSync(fromRepoRoot('seeds/demo/organisation.json'), 'utf8')) as Organisation;
  }

  /** Seeds an empty database; leaves one that has users alone. */
  async seedIfEmpty(): Promise<DemoSummary> {
    const org = this.organisation();
    const summary = (seeded: boolean, cases: number): DemoSummary => ({
      seeded,
      password: org.password,
      users: org.users.map((u) => ({ username: u.username, role: u.role, teams: u.teams })),
      cases,
    });
    const existing = await this.tx.read((em) => this.usersRepository.listUsers(em));
    if (existing.length > 0) return summary(false, 0);

    for (const site of org.sites) await this.users.createSite(site.code, site.name);
    const teamIds = new Map<string, string>();
    for (const team of org.teams) teamIds.set(`${team.site}/${team.name}`, (await this.users.createTeam(team.site, team.name)).id);
    const userIds = new Map<string, string>();
    for (const u of org.users) {
      const created = await this.users.createUser({
        username: u.username,
        displayName: u.displayName,
        role: u.role,
        password: org.password,
        teamIds: u.teams.map((t) => teamIds.get(t)!),
      });
      userIds.set(u.username, created.id);
    }

    let cases = 0;
    const dir = fromRepoRoot('seeds/demo');
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.casefile.json')).sort()) {
      const file = JSON.parse(readFileSync(`${dir}/${name}`, 'utf8')) as SeedCaseFile;
      for (const c of file.cases) {
        await this.tx.write((em) => this.writeCase(em, file.site.code, c, userIds));
        cases++;
      }
    }
    this.logger.log(`demo data loaded: ${org.users.length} users, ${cases} cases`);
    return summary(true, cases);
  }

  private async writeCase(em: EntityManager, site: string, c: SeedCaseFile['cases'][number], userIds: Map<string, string>) {
    const actor = (by: string) => userIds.get(by) ?? by;
    const caseId = randomUUID();
    await this.cases.writeNewCase(
      em,
      caseId,
      {
        ref: c.ref,
        site,
        team: c.team,
        worker: c.worker ? actor(c.worker) : null,
        stage: c.stage as never,
        openedOn: c.openedOn,
        closedOn: c.closedOn ?? null,
        researchConsent: c.researchConsent ?? false,
      },
      c.people.map(cleanPerson),
      { actor: SYSTEM_SEED, reason: 'case opened (demo data)', at: `${c.openedOn}T09:00:00Z` },
    );
    const people = new Map(c.people.map((p) => [p.id, p.role]));
    for (const record of c.records) {
      const store = this.records.store(caseId, record.type, record.id);
      let version = 0;
      for (const rev of record.revisions) {
        if (rev.data) {
          const problems = recordReferenceProblems(record.type, rev.data, { people, goalsMustAddressKnownStatements: true });
          if (problems.length) throw new Error(`seed ${c.ref} ${RECORD_KINDS[record.type].label} ${record.id}: ${JSON.stringify(problems)}`);
        }
        const ctx = { actor: actor(rev.by), reason: rev.reason ?? null, at: rev.at };
        if (version === 0) await this.revisions.create(em, store, rev.data!, ctx);
        else await this.revisions.replace(em, store, version, rev.data, ctx);
        version++;
      }
    }
  }
}

