import { compareCodePoints } from '@mapwork/kernel/string-order';
import type { UserRole } from '@mapwork/persistence';

export interface DemoUser {
  username: string;
  displayName: string;
  role: UserRole;
  /** `site/team name` */
  teams: string[];
  /** the demo's published one-time-password secret of an account that needs one */
  totpSecret?: string;
}

export interface DemoSummary {
  seeded: boolean;
  password: string;
  users: DemoUser[];
  cases: number;
}

/**
 * The demo sign-ins in a few lines: per site its managers and workers, then the users
 * of no team. Every username is listed; the full names are in organisation.json.
 */
export function signInLines(summary: Pick<DemoSummary, 'password' | 'users'>): string[] {
  const sites = [...new Set(summary.users.flatMap((u) => u.teams.map((t) => t.split('/')[0])))].sort(compareCodePoints);
  const of = (site: string, role: UserRole) => summary.users.filter((u) => u.role === role && u.teams.some((t) => t.startsWith(`${site}/`))).map((u) => u.username);
  const managers = sites.map((site) => of(site, 'team_manager').join(', '));
  const width = Math.max(...managers.map((m) => m.length));
  return [
    `password for all: ${summary.password}`,
    ...sites.map((site, i) => `${site}  managers ${managers[i].padEnd(width)}  workers ${of(site, 'social_worker').join(', ')}`),
    summary.users
      .filter((u) => !u.teams.length)
      .map((u) => `${u.role} ${u.username}`)
      .join('   '),
  ];
}
