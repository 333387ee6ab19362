import { TokenScope, UserRole } from '@mapwork/persistence';

/** The signed-in user, as every service receives it. */
export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  role: UserRole;
  teamIds: string[];
  /** the token's id, for sign-out */
  tokenId: string;
  /** `full`, or what an unfinished sign-in may still do: `password-change` or `enrolment` */
  scope: TokenScope;
}
