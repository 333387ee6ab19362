import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock, ConflictError, ForbiddenError, InvalidInputError, NotFoundError, Page, PageRequest, pageOffset } from '@mapwork/kernel';
import { CASEWORK_ROLES, TeamEntity, TransactionRunner, UserEntity, UserRole } from '@mapwork/persistence';
import { AccessEventKind } from './access-log-entry';
import { AccessLogService } from './access-log.service';
import { AuthUser } from './auth-user';
import { publicUser } from './auth.service';
import { NotificationsService } from './notifications.service';
import { PasswordHasher } from './password-hasher';
import { passwordProblems } from './password-policy';
import { TotpRepository } from './totp.repository';
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

/** An admin making a change through the admin routes. */
export interface AdminAction {
  admin: Pick<AuthUser, 'id' | 'displayName'>;
}

/**
 * Administration of users, teams and sites. Admins manage these; they never see case content.
 *
 * What an admin does to an account that could open case content to someone, or let the
 * admin sign in as someone (a role, teams, a password, a one-time-password reset), is
 * told to the account's user; changes of role, teams, password and status are also
 * logged (by the admin, before → after) in the unit of work that makes them, beside the
 * route's own entry (AccessEvent); and an admin cannot do it to their own account
 * (another admin must). A password an admin chose (a new account's, a reset) must be
 * replaced by the user at their next sign-in, so the admin cannot keep using it unseen.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly hasher: PasswordHasher,
    private readonly totp: TotpRepository,
    private readonly accessLog: AccessLogService,
    private readonly notifications: NotificationsService,
  ) {}

  /** A new account; `by` an admin (through the API) or the system (the demo, tests) when absent. */
  async createUser(input: NewUser, by?: AdminAction) {
    const problems = passwordProblems(input.password, input, '/password');
    if (problems.length) throw new InvalidInputError(problems);
    const passwordHash = await this.hasher.hash(input.password);
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
        passwordChangeRequired: !!by,
        createdAt: this.clock.now(),
      });
      await this.users.saveUser(em, user);
      await this.users.setMemberships(em, user.id, teamIds);
      if (by) {
        const teams = await this.teamNames(em, teamIds);
        // logged by the route (admin.user.create)
        await this.notifications.notify(em, user.id, 'account-created',
          `${by.admin.displayName} created your account as ${roleName(user.role)}${teams ? ` in ${teams}` : ''}. Choose your own password when you first sign in.`, by.admin.id);
      }
      return adminUserView(user, teamIds, false);
    });
  }

  async updateUser(id: string, changes: UserChanges, by?: AdminAction) {
    const current = await this.tx.read((em) => this.users.userById(em, id));
    if (!current) throw new NotFoundError('user', { userId: id });
    if (by?.admin.id === id) await this.refuseOwnAccount(current, changes);
    if (changes.password !== undefined) {
      const problems = passwordProblems(changes.password, { username: current.username, displayName: changes.displayName ?? current.displayName }, '/password');
      if (problems.length) throw new InvalidInputError(problems);
    }
    const passwordHash = changes.password !== undefined ? await this.hasher.hash(changes.password) : undefined;
    return this.tx.write(async (em) => {
      const user = await this.users.userById(em, id);
      if (!user) throw new NotFoundError('user', { userId: id });
      const before = { role: user.role, disabled: user.disabled, teamIds: await this.users.teamIdsOf(em, id) };
      if (changes.displayName !== undefined) user.displayName = changes.displayName;
      if (changes.role !== undefined) user.role = changes.role;
      if (changes.disabled !== undefined) user.disabled = changes.disabled;
      if (changes.email !== undefined) user.email = changes.email;
      if (changes.phone !== undefined) user.phone = changes.phone;
      if (passwordHash) {
        user.passwordHash = passwordHash;
        user.passwordChangeRequired = !!by;
      }
      await this.users.saveUser(em, user);
      if (passwordHash || changes.disabled) await this.users.revokeAllTokensOf(em, user.id, this.clock.now());
      const teamIds = changes.teamIds ? await this.checkTeams(em, changes.teamIds) : before.teamIds;
      if (changes.teamIds) await this.users.setMemberships(em, user.id, teamIds);
      if (by) await this.tellChanges(em, by, user, before, teamIds, !!passwordHash);
      return adminUserView(user, teamIds, await this.totp.byUser(em, user.id).then((t) => !!t?.confirmedAt));
    });
  }

  /** An admin turns off another user's one-time passwords (a lost phone): they enrol again at their next sign-in if their role requires it. */
  async resetTotp(id: string, by: AdminAction): Promise<void> {
    if (by.admin.id === id) throw ownAccount('reset their own one-time password');
    await this.tx.write(async (em) => {
      const user = await this.users.userById(em, id);
      if (!user) throw new NotFoundError('user', { userId: id });
      if (!(await this.totp.byUser(em, id))) throw new ConflictError(`${user.username} has no one-time-password app to reset`, { code: 'TOTP_NOT_ENROLLED' });
      await this.totp.remove(em, id);
      await this.users.revokeAllTokensOf(em, id, this.clock.now());
      // logged by the route (admin.user.totp-reset)
      await this.notifications.notify(em, user.id, 'totp-reset',
        `${by.admin.displayName} reset your one-time passwords: set up your authenticator app again when you next sign in. If you did not ask for this, tell another admin.`, by.admin.id);
    });
  }

  pageOfUsers(p: PageRequest): Promise<Page<ReturnType<typeof adminUserView>>> {
    return this.tx.read(async (em) => {
      const [users, total] = await this.users.pageOfUsers(em, pageOffset(p), p.pageSize);
      const memberships = await this.users.membershipsOf(em, users.map((u) => u.id));
      const enrolled = await this.totp.confirmedUserIds(em, users.map((u) => u.id));
      return { items: users.map((u) => adminUserView(u, memberships.get(u.id) ?? [], enrolled.has(u.id))), total, ...p };
    });
  }

  /** Every user (for the demo loader and tools; the API pages them). */
  listUsers() {
    return this.tx.read(async (em) => {
      const users = await this.users.listUsers(em);
      const memberships = await this.users.membershipsOf(em, users.map((u) => u.id));
      const enrolled = await this.totp.confirmedUserIds(em, users.map((u) => u.id));
      return users.map((u) => adminUserView(u, memberships.get(u.id) ?? [], enrolled.has(u.id)));
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

  /** An admin may change their own name and contact details, not their role, teams, password or status. */
  private async refuseOwnAccount(current: UserEntity, changes: UserChanges) {
    const teams = changes.teamIds && (await this.tx.read((em) => this.users.teamIdsOf(em, current.id)));
    if (changes.role !== undefined && changes.role !== current.role) throw ownAccount('change their own role');
    if (changes.password !== undefined) throw ownAccount('set their own password here: use POST /api/v1/auth/password');
    if (changes.disabled !== undefined && changes.disabled !== current.disabled) throw ownAccount('disable their own account');
    if (teams && [...new Set(changes.teamIds)].sort().join() !== teams.join()) throw ownAccount('change their own teams');
  }

  /** Logs each change that could open case content or sign-in to someone, and tells the user. */
  private async tellChanges(em: EntityManager, by: AdminAction, user: UserEntity, before: { role: UserRole; disabled: boolean; teamIds: string[] }, teamIds: string[], passwordReset: boolean) {
    if (user.role !== before.role) {
      const opens = CASEWORK_ROLES.includes(user.role) ? ' (casework: reads the cases of their teams)' : '';
      await this.tell(em, by, user, 'admin.user.role', 'role-changed', `role of ${user.username}: ${before.role} → ${user.role}${opens}`,
        `${by.admin.displayName} changed your role from ${roleName(before.role)} to ${roleName(user.role)}.${opens ? ' You can now read the case records of your teams.' : ''}`);
    }
    if (teamIds.join() !== before.teamIds.join()) {
      const [was, now] = [await this.teamNames(em, before.teamIds), await this.teamNames(em, teamIds)];
      await this.tell(em, by, user, 'admin.user.teams', 'teams-changed', `teams of ${user.username}: ${was || 'none'} → ${now || 'none'}`,
        `${by.admin.displayName} changed your teams to ${now || 'none'} (they were ${was || 'none'}).`);
    }
    if (passwordReset) {
      await this.tell(em, by, user, 'admin.user.password-reset', 'password-reset', `password of ${user.username} reset; every session ended; a new one must be chosen at next sign-in`,
        `${by.admin.displayName} set a new password for your account: choose your own when you next sign in. If you did not ask for this, tell another admin.`);
    }
    if (user.disabled !== before.disabled) {
      await this.log(em, by, user, user.disabled ? 'admin.user.disable' : 'admin.user.enable', `${user.username} ${user.disabled ? 'disabled; every session ended' : 'enabled'}`);
    }
  }

  /** One entry in the access log (by the admin, naming the user) and one notification to the user. */
  private async tell(em: EntityManager, by: AdminAction, user: UserEntity, event: AccessEventKind, kind: Parameters<NotificationsService['notify']>[2], detail: string, message: string) {
    await this.log(em, by, user, event, detail);
    await this.notifications.notify(em, user.id, kind, message, by.admin.id);
  }

  private log(em: EntityManager, by: AdminAction, user: UserEntity, event: AccessEventKind, detail: string) {
    return this.accessLog.append(em, { event, userId: by.admin.id, detail: `user ${user.id}: ${detail}` });
  }

  private async teamNames(em: EntityManager, teamIds: string[]): Promise<string> {
    const teams = await this.users.teamsByIds(em, teamIds);
    return teams.map((t) => `${t.siteCode} / ${t.name}`).sort().join(', ');
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

/** A user as admins see them: the public view, how to reach them, and the state of their sign-in. */
export function adminUserView(user: UserEntity, teamIds: string[], totpEnrolled: boolean) {
  return { ...publicUser(user, teamIds), email: user.email, phone: user.phone, passwordChangeRequired: user.passwordChangeRequired, totpEnrolled };
}

function roleName(role: UserRole) {
  return role.replace('_', ' ');
}

function ownAccount(what: string) {
  return new ForbiddenError(`an admin cannot ${what}: another admin must`, { code: 'OWN_ACCOUNT' });
}

export function teamView(t: TeamEntity) {
  return { id: t.id, site: t.siteCode, name: t.name };
}
