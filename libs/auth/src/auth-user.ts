import { CredentialKind, TokenScope, UserRole } from '@mapwork/persistence';

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
  /** signed in by an API bearer token or a browser session */
  kind: CredentialKind;
}
