import { UserRole } from '@mapwork/persistence';

/** The signed-in user, as every service receives it. */
export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  role: UserRole;
  teamIds: string[];
  /** the token's id, for sign-out */
  tokenId: string;
}
