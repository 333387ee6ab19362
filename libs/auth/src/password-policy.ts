import { dictionary } from '@zxcvbn-ts/language-common';
import { FieldProblem } from '@mapwork/kernel';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/** Names a password must not contain: the account's own. */
export interface PasswordOwner {
  username?: string;
  displayName?: string;
}

let common: Set<string> | undefined;

/** The 49,000 most common passwords of breach corpora (zxcvbn-ts), lower-cased, loaded on first use. */
function commonPasswords(): Set<string> {
  common ??= new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
  return common;
}

const fold = (s: string) => s.normalize('NFC').toLowerCase();
const squeeze = (s: string) => fold(s).replace(/[\s._-]+/g, '');

/**
 * Whether a password will do (NIST SP 800-63B §5.1.1, ASVS V2.1): 12 to 256 characters
 * (Unicode code points after NFC normalisation, so an accented letter counts once), not a
 * known common or breached password (compared case-insensitively, with and without
 * spaces and separators), and not containing the username or the person's name. No
 * composition rules: length and rarity are what make a password hard to guess.
 */
export function passwordProblems(password: string, owner: PasswordOwner, pointer: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const length = [...password.normalize('NFC')].length;
  if (length < PASSWORD_MIN_LENGTH) {
    problems.push({ pointer, rule: 'minLength', message: `the password must be at least ${PASSWORD_MIN_LENGTH} characters long (it has ${length})` });
  }
  if (length > PASSWORD_MAX_LENGTH) {
    problems.push({ pointer, rule: 'maxLength', message: `the password must be at most ${PASSWORD_MAX_LENGTH} characters long` });
  }
  if (commonPasswords().has(fold(password)) || commonPasswords().has(squeeze(password))) {
    problems.push({ pointer, rule: 'commonPassword', message: 'this password is in a list of common, breached passwords: choose another' });
  }
  if (contains(password, owner.username)) {
    problems.push({ pointer, rule: 'containsUsername', message: 'the password must not contain the username' });
  }
  if (contains(password, owner.displayName)) {
    problems.push({ pointer, rule: 'containsName', message: 'the password must not contain the account’s name' });
  }
  return problems;
}

/** A short name (under 4 characters) only counts when it is the whole password, so "jo" does not rule out "journey". */
function contains(password: string, name: string | undefined): boolean {
  if (!name) return false;
  const [p, n] = [squeeze(password), squeeze(name)];
  if (!n) return false;
  return [...n].length < 4 ? p === n : p.includes(n);
}
