import { readFileSync, readdirSync } from 'node:fs';
import { Injectable, Logger } from '@nestjs/common';
import { UsersRepository, UsersService } from '@mapwork/auth';
import { CaseFileImportService } from '@mapwork/casefile';
import { InstrumentDefinition, InstrumentResponse, InstrumentsService } from '@mapwork/evaluation';
import { fromRepoRoot } from '@mapwork/kernel';
import { TransactionRunner, UserRole } from '@mapwork/persistence';
import { DemoSummary } from './sign-ins';

/** The named system actor the demo's imports are by (the cases' own authors are kept as their source). */
export const DEMO_LOADER = 'system:demo-loader';

/** `seeds/demo/organisation.json`. */
interface Organisation {
  password: string;
  sites: string[];
  teams: { site: string; name: string }[];
  users: { username: string; displayName: string; role: UserRole; teams: string[]; email?: string; phone?: string }[];
}

/**
 * Loads `seeds/demo/` into an empty database: the organisation (sites, teams, users),
 * then each site's case file through the importer, so every revision keeps its own
 * instant. In the files `by` and `worker` name demo usernames; they become user ids, so
 * every worker of a demo case is a user who can sign in.
 */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly tx: TransactionRunner,
    private readonly users: UsersService,
    private readonly usersRepository: UsersRepository,
    private readonly importer: CaseFileImportService,
    private readonly instruments: InstrumentsService,
  ) {}

  private read<T>(name: string): T {
    return JSON.parse(readFileSync(fromRepoRoot('seeds/demo', name), 'utf8')) as T;
  }

  async seedIfEmpty(): Promise<DemoSummary> {
    const org = this.read<Organisation>('organisation.json');
    const summary = (seeded: boolean, cases: number): DemoSummary => ({
      seeded,
      password: org.password,
      users: org.users.map((u) => ({ username: u.username, displayName: u.displayName, role: u.role, teams: u.teams })),
      cases,
    });
    if ((await this.tx.read((em) => this.usersRepository.listUsers(em))).length > 0) return summary(false, 0);

    const files = readdirSync(fromRepoRoot('seeds/demo')).filter((f) => f.endsWith('.casefile.json')).sort();
    const casefiles = files.map((f) => this.read<{ site: { code: string; name: string }; cases: unknown[] }>(f));
    for (const code of org.sites) {
      const name = casefiles.find((f) => f.site.code === code)?.site.name ?? code;
      await this.users.createSite(code, name);
    }
    const teamIds = new Map<string, string>();
    for (const team of org.teams) teamIds.set(`${team.site}/${team.name}`, (await this.users.createTeam(team.site, team.name)).id);
    const userIds = new Map<string, string>();
    for (const u of org.users) {
      const { username, displayName, role, email, phone } = u;
      const created = await this.users.createUser({ username, displayName, role, email, phone, password: org.password, teamIds: u.teams.map((t) => teamIds.get(t)!) });
      userIds.set(u.username, created.id);
    }

    let cases = 0;
    for (const [i, file] of casefiles.entries()) {
      const unknown = new Set<string>();
      const text = JSON.stringify(file).replace(/"(by|worker)":"([^"]+)"/g, (_, key: string, name: string) => {
        if (!userIds.has(name)) unknown.add(name);
        return `"${key}":"${userIds.get(name)}"`;
      });
      if (unknown.size) throw new Error(`${files[i]} names ${[...unknown].join(', ')}, who are not users of organisation.json`);
      const result = await this.importer.import({ bytes: Buffer.from(text) }, { id: DEMO_LOADER, role: 'admin' });
      cases += result.cases.created;
    }
    // the instruments the evaluation describes, and the staff survey behind Table 2
    const admin = userIds.get('admin') ?? DEMO_LOADER;
    for (const f of readdirSync(fromRepoRoot('seeds/instruments')).filter((x) => x.endsWith('.json')).sort()) {
      await this.instruments.load(JSON.parse(readFileSync(fromRepoRoot('seeds/instruments', f), 'utf8')) as InstrumentDefinition, admin);
    }
    const survey = this.read<{ instrument: string; responses: InstrumentResponse[] }>('staff-survey.responses.json');
    for (const r of survey.responses) await this.instruments.respond(survey.instrument, r, userIds.get('eve.evaluator') ?? DEMO_LOADER);
    this.logger.log(`demo data loaded: ${org.users.length} users, ${cases} cases in ${casefiles.length} sites, ${survey.responses.length} staff-survey responses`);
    return summary(true, cases);
  }
}
