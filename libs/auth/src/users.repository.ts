import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { AuthTokenEntity, SignInChallengeEntity, SiteEntity, TeamEntity, TeamMembershipEntity, UserEntity } from '@mapwork/persistence';

/** Queries on users, teams, sites, memberships, tokens and second-factor challenges. */
@Injectable()
export class UsersRepository {
  userByUsername(em: EntityManager, username: string) {
    return em.getRepository(UserEntity).findOne({ where: { username } });
  }
  userById(em: EntityManager, id: string) {
    return em.getRepository(UserEntity).findOne({ where: { id } });
  }
  listUsers(em: EntityManager) {
    return em.getRepository(UserEntity).find({ order: { username: 'ASC' } });
  }
  /** A page of users in username order (usernames are unique), and how many there are. */
  pageOfUsers(em: EntityManager, skip: number, take: number) {
    return em.getRepository(UserEntity).findAndCount({ order: { username: 'ASC' }, skip, take });
  }
  /** Display names by id, in batches small enough for every driver's parameter limit. */
  async displayNames(em: EntityManager, ids: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await em.getRepository(UserEntity).find({ select: { id: true, displayName: true }, where: { id: In(ids.slice(i, i + 500)) } });
      for (const r of rows) out.set(r.id, r.displayName);
    }
    return out;
  }
  /** The user, if they are an active (not disabled) social worker of the team. */
  activeWorkerOfTeam(em: EntityManager, userId: string, teamId: string) {
    return em
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .innerJoin(TeamMembershipEntity, 'm', 'm.user_id = u.id AND m.team_id = :teamId', { teamId })
      .where('u.id = :userId AND u.role = :role AND u.disabled = :disabled', { userId, role: 'social_worker', disabled: false })
      .getOne();
  }
  saveUser(em: EntityManager, user: UserEntity) {
    return em.getRepository(UserEntity).save(user);
  }
  setPasswordHash(em: EntityManager, id: string, passwordHash: string, passwordChangeRequired: boolean) {
    return em.getRepository(UserEntity).update({ id }, { passwordHash, passwordChangeRequired });
  }
  async teamIdsOf(em: EntityManager, userId: string): Promise<string[]> {
    const rows = await em.getRepository(TeamMembershipEntity).find({ where: { userId } });
    return rows.map((r) => r.teamId).sort();
  }
  async membershipsOf(em: EntityManager, userIds: string[]): Promise<Map<string, string[]>> {
    const rows = userIds.length ? await em.getRepository(TeamMembershipEntity).find({ where: { userId: In(userIds) } }) : [];
    const out = new Map<string, string[]>();
    for (const r of rows) out.set(r.userId, [...(out.get(r.userId) ?? []), r.teamId].sort());
    return out;
  }
  async setMemberships(em: EntityManager, userId: string, teamIds: string[]) {
    await em.getRepository(TeamMembershipEntity).delete({ userId });
    if (teamIds.length) await em.getRepository(TeamMembershipEntity).insert(teamIds.map((teamId) => ({ userId, teamId })));
  }

  teamsByIds(em: EntityManager, ids: string[]) {
    return ids.length ? em.getRepository(TeamEntity).find({ where: { id: In(ids) } }) : Promise.resolve([]);
  }
  teamByName(em: EntityManager, siteCode: string, name: string) {
    return em.getRepository(TeamEntity).findOne({ where: { siteCode, name } });
  }
  listTeams(em: EntityManager) {
    return em.getRepository(TeamEntity).find({ order: { siteCode: 'ASC', name: 'ASC' } });
  }
  insertTeam(em: EntityManager, team: TeamEntity) {
    return em.getRepository(TeamEntity).insert(team);
  }

  site(em: EntityManager, code: string) {
    return em.getRepository(SiteEntity).findOne({ where: { code } });
  }
  listSites(em: EntityManager) {
    return em.getRepository(SiteEntity).find({ order: { code: 'ASC' } });
  }
  insertSite(em: EntityManager, site: SiteEntity) {
    return em.getRepository(SiteEntity).insert(site);
  }

  insertToken(em: EntityManager, token: AuthTokenEntity) {
    return em.getRepository(AuthTokenEntity).insert(token);
  }
  tokenByHash(em: EntityManager, tokenHash: string) {
    return em.getRepository(AuthTokenEntity).findOne({ where: { tokenHash } });
  }
  touchToken(em: EntityManager, id: string, at: string) {
    return em.getRepository(AuthTokenEntity).update({ id }, { lastUsedAt: at });
  }
  revokeToken(em: EntityManager, id: string, at: string) {
    return em.getRepository(AuthTokenEntity).update({ id }, { revokedAt: at });
  }
  async revokeAllTokensOf(em: EntityManager, userId: string, at: string) {
    await em
      .getRepository(AuthTokenEntity)
      .createQueryBuilder()
      .update()
      .set({ revokedAt: at })
      .where('user_id = :userId AND revoked_at IS NULL', { userId })
      .execute();
  }

  insertChallenge(em: EntityManager, challenge: SignInChallengeEntity) {
    return em.getRepository(SignInChallengeEntity).insert(challenge);
  }
  challengeByHash(em: EntityManager, challengeHash: string) {
    return em.getRepository(SignInChallengeEntity).findOne({ where: { challengeHash } });
  }
  /** Counts a wrong code against a challenge; false when it had no attempts left. */
  async countChallengeAttempt(em: EntityManager, id: string, maxAttempts: number): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .update(SignInChallengeEntity)
      .set({ attempts: () => 'attempts + 1' })
      .where('id = :id AND used_at IS NULL AND attempts < :maxAttempts', { id, maxAttempts })
      .execute();
    return result.affected === 1;
  }
  /** Uses a challenge up; false when another request used it first. */
  async useChallenge(em: EntityManager, id: string, at: string): Promise<boolean> {
    const result = await em.createQueryBuilder().update(SignInChallengeEntity).set({ usedAt: at }).where('id = :id AND used_at IS NULL', { id }).execute();
    return result.affected === 1;
  }
  /** Drops challenges that ended before `before`. */
  async pruneChallenges(em: EntityManager, before: string) {
    await em.createQueryBuilder().delete().from(SignInChallengeEntity).where('expires_at < :before', { before }).execute();
  }
}
