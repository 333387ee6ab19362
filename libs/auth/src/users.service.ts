import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock, ConflictError, InvalidInputError, NotFoundError, Page, PageRequest, pageOffset } from '@mapwork/kernel';
import { TeamEntity, TransactionRunner, UserEntity, UserRole } from '@mapwork/persistence';
import { publicUser } from './auth.service';
import { hashPassword } from './password';
import { UsersRepository } from './users.repository';

export interface NewUser {
  username: string;
  displayName: string;
  role: UserRole;
  password: string;
  teamIds?: string[];
  email?: string | null;
  phone?: string | null;
}

export interface UserChanges {
  displayName?: string;
  role?: UserRole;
  password?: string;
  teamIds?: string[];
  disabled?: boolean;
  email?: string | null;
  phone?: string | null;
}

/** Administration of users, teams and sites. Admins manage these; they never see case content. */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async createUser(input: NewUser) {
    const passwordHash = await hashPassword(input.password);
    return this.tx.write(async (em) => {
      if (await this.users.userByUsername(em, input.username)) {
        throw InvalidInputError.single('/username', 'unique', `the username ${input.username} is taken`);
      }
      const teamIds = await this.checkTeams(em, input.teamIds ?? []);
      const user = Object.assign(new UserEntity(), {
        id: randomUUID(),
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        passwordHash,
        email: input.email ?? null,
        phone: input.phone ?? null,
        disabled: false,
        createdAt: this.clock.now(),
      });
      await this.users.saveUser(em, user);
      await this.users.setMemberships(em, user.id, teamIds);
      return adminUserView(user, teamIds);
    });
  }

  async updateUser(id: string, changes: UserChanges) {
    const passwordHash = changes.password ? await hashPassword(changes.password) : undefined;
    return this.tx.write(async (em) => {
      const user = await this.users.userById(em, id);
      if (!user) throw new NotFoundError('user', { userId: id });
      if (changes.displayName !== undefined) user.displayName = changes.displayName;
      if (changes.role !== undefined) user.role = changes.role;
      if (changes.disabled !== undefined) user.disabled = changes.disabled;
      if (changes.email !== undefined) user.email = changes.email;
      if (changes.phone !== undefined) user.phone = changes.phone;
      if (passwordHash) user.passwordHash = passwordHash;
      await this.users.saveUser(em, user);
      if (passwordHash || changes.disabled) await this.users.revokeAllTokensOf(em, user.id, this.clock.now());
      if (changes.teamIds) await this.users.setMemberships(em, user.id, await this.checkTeams(em, changes.teamIds));
      return adminUserView(user, await this.users.teamIdsOf(em, user.id));
    });
  }

  pageOfUsers(p: PageRequest): Promise<Page<ReturnType<typeof adminUserView>>> {
    return this.tx.read(async (em) => {
      const [users, total] = await this.users.pageOfUsers(em, pageOffset(p), p.pageSize);
      const memberships = await this.users.membershipsOf(em, users.map((u) => u.id));
      return { items: users.map((u) => adminUserView(u, memberships.get(u.id) ?? [])), total, ...p };
    });
  }

  /** Every user (for the demo loader and tools; the API pages them). */
  listUsers() {
    return this.tx.read(async (em) => {
      const users = await this.users.listUsers(em);
      const memberships = await this.users.membershipsOf(em, users.map((u) => u.id));
      return users.map((u) => adminUserView(u, memberships.get(u.id) ?? []));
    });
  }

  async createSite(code: string, name: string | null, kind: 'live' | 'evaluation' = 'live') {
    return this.tx.write(async (em) => {
      if (await this.users.site(em, code)) throw InvalidInputError.single('/code', 'unique', `site ${code} exists already`);
      await this.users.insertSite(em, { code, name, kind });
      return { code, name, kind };
    });
  }

  listSites() {
    return this.tx.read((em) => this.users.listSites(em));
  }

  async createTeam(site: string, name: string) {
    return this.tx.write(async (em) => {
      if (!(await this.users.site(em, site))) throw InvalidInputError.single('/site', 'siteExists', `there is no site ${site}`);
      if (await this.users.teamByName(em, site, name)) {
        throw new ConflictError(`site ${site} already has a team called ${name}`);
      }
      const team: TeamEntity = { id: randomUUID(), siteCode: site, name };
      await this.users.insertTeam(em, team);
      return teamView(team);
    });
  }

  listTeams() {
    return this.tx.read(async (em) => (await this.users.listTeams(em)).map(teamView));
  }

  private async checkTeams(em: EntityManager, teamIds: string[]): Promise<string[]> {
    const unique = [...new Set(teamIds)];
    const found = new Set((await this.users.teamsByIds(em, unique)).map((t) => t.id));
    const problems = unique
      .map((id) => ({ id, index: teamIds.indexOf(id) }))
      .filter(({ id }) => !found.has(id))
      .map(({ id, index }) => ({ pointer: `/teamIds/${index}`, rule: 'teamExists', message: `there is no team ${id}` }));
    if (problems.length) throw new InvalidInputError(problems);
    return unique.sort();
  }
}

/** A user as admins see them: the public view and how to reach them. */
export function adminUserView(user: UserEntity, teamIds: string[]) {
  return { ...publicUser(user, teamIds), email: user.email, phone: user.phone };
}

export function teamView(t: TeamEntity) {
  return { id: t.id, site: t.siteCode, name: t.name };
}
