import { readFileSync, readdirSync } from 'node:fs';
import { Injectable, Logger } from '@nestjs/common';
import { TotpService, UsersRepository, UsersService, totpUri } from '@mapwork/auth';
import { CaseFileImportService } from '@mapwork/casefile';
import { InstrumentDefinition, InstrumentResponse, InstrumentsService } from '@mapwork/evaluation';
import { fromRepoRoot } from '@mapwork/kernel';
import { TransactionRunner, UserRole } from '@mapwork/persistence';

interface Organisation {
  password: string;
  sites: string[];
  teams: { site: string; name: string }[];
  /** `totpSecret`: the demo's published one-time-password secret of an account that needs one */
  users: { username: string; displayName: string; role: UserRole; teams: string[]; email?: string; phone?: string; totpSecret?: string }[];
}

export interface DemoSummary {
  seeded: boolean;
  password: string;
  users: { username: string; role: string; teams: string[]; totpSecret?: string }[];
  cases: number;
}

/** A demo account's current one-time code, and how to add its secret to an app. */
export interface DemoCode {
  username: string;
  code: string;
  secret: string;
  uri: string;
}

/**
 * Loads `seeds/demo/` into an empty database: the organisation (sites, teams, users),
 * then each site's case file through the importer, so every revision keeps its own
 * instant. In the files `by` and `worker` name demo usernames; they become user ids.
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
    private readonly totp: TotpService,
  ) {}

  private read<T>(name: string): T {
    return JSON.parse(readFileSync(fromRepoRoot('seeds/demo', name), 'utf8')) as T;
  }

  async seedIfEmpty(): Promise<DemoSummary> {
    const org = this.read<Organisation>('organisation.json');
    const summary = (seeded: boolean, cases: number): DemoSummary => ({
      seeded,
      password: org.password,
      users: org.users.map((u) => ({ username: u.username, role: u.role, teams: u.teams, ...(u.totpSecret ? { totpSecret: u.totpSecret } : {}) })),
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
      const { totpSecret, ...fields } = u;
      const created = await this.users.createUser({ ...fields, password: org.password, teamIds: u.teams.map((t) => teamIds.get(t)!) });
      if (totpSecret) await this.totp.activateKnownSecret(created.id, totpSecret);
      userIds.set(u.username, created.id);
    }

    let cases = 0;
    for (const file of casefiles) {
      const text = JSON.stringify(file).replace(/"(by|worker)":"([^"]+)"/g, (m, key: string, name: string) => (userIds.has(name) ? `"${key}":"${userIds.get(name)}"` : m));
      const result = await this.importer.import({ bytes: Buffer.from(text) }, { id: 'demo-seed', role: 'admin' });
      cases += result.cases.created;
    }
    // the instruments the evaluation describes, and the staff survey behind Table 2
    const admin = userIds.get('admin') ?? 'demo-seed';
    for (const f of readdirSync(fromRepoRoot('seeds/instruments')).filter((x) => x.endsWith('.json')).sort()) {
      await this.instruments.load(JSON.parse(readFileSync(fromRepoRoot('seeds/instruments', f), 'utf8')) as InstrumentDefinition, admin);
    }
    const survey = this.read<{ instrument: string; responses: InstrumentResponse[] }>('staff-survey.responses.json');
    for (const r of survey.responses) await this.instruments.respond(survey.instrument, r, userIds.get('eve.evaluator') ?? 'demo-seed');
    this.logger.log(`demo data loaded: ${org.users.length} users, ${cases} cases in ${casefiles.length} sites, ${survey.responses.length} staff-survey responses`);
    return summary(true, cases);
  }

  /**
   * The current one-time code of a demo account, read from the database: only while the
   * account still has the demo's published secret, so this never gives away a real one.
   */
  async demoCode(username: string): Promise<DemoCode> {
    const secret = this.read<Organisation>('organisation.json').users.find((u) => u.username === username)?.totpSecret;
    if (!secret) throw new Error(`${username} is not a demo account with a one-time password (those are: ${this.demoAccountsWithCodes().join(', ')})`);
    const user = await this.tx.read((em) => this.usersRepository.userByUsername(em, username));
    const code = user && (await this.totp.currentCodeIfSecret(user.id, secret));
    if (!code) throw new Error(`${username} in this database does not use the demo's one-time-password secret (or does not exist): no code to show`);
    return { username, code, secret, uri: totpUri(secret, username) };
  }

  private demoAccountsWithCodes() {
    return this.read<Organisation>('organisation.json').users.filter((u) => u.totpSecret).map((u) => u.username);
  }
}
