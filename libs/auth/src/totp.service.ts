import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { toString as qrCode } from 'qrcode';
import { Clock, ConflictError, ForbiddenError, InvalidInputError, instantToMillis } from '@mapwork/kernel';
import { SECOND_FACTOR_ROLES, TransactionRunner, UserRole } from '@mapwork/persistence';
import { AccessLogService } from './access-log.service';
import { NotificationsService } from './notifications.service';
import { newRecoveryCodes, newTotpSecret, totpCode, totpCodeStep, totpUri } from './totp-codes';
import { TotpRepository } from './totp.repository';
import { TotpVault } from './totp-vault';

/** A second factor as a user gives it: a code from their app, or one of their recovery codes. */
export interface SecondFactor {
  totp?: string;
  recoveryCode?: string;
}

export type SecondFactorMethod = 'totp' | 'recovery-code';

/** What a user needs to add mapwork to an authenticator app. */
export interface TotpEnrolment {
  /** base32, for typing in */
  secret: string;
  /** otpauth://totp/… */
  uri: string;
  /** the URI as a QR code, an SVG document */
  qrSvg: string;
}

export interface TotpStatus {
  enrolled: boolean;
  /** an enrolment was started and waits for its first code */
  pending: boolean;
  /** the user's role cannot sign in without one */
  required: boolean;
  recoveryCodesLeft: number;
}

interface Holder {
  id: string;
  username: string;
  role: UserRole;
}

/** One-time passwords (RFC 6238) for every user: enrolment, recovery codes, and checking a second factor. */
@Injectable()
export class TotpService {
  constructor(
    private readonly repository: TotpRepository,
    private readonly vault: TotpVault,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly accessLog: AccessLogService,
    private readonly notifications: NotificationsService,
  ) {}

  static isRequiredFor(role: UserRole): boolean {
    return SECOND_FACTOR_ROLES.includes(role);
  }

  async isActive(em: EntityManager, userId: string): Promise<boolean> {
    return !!(await this.repository.byUser(em, userId))?.confirmedAt;
  }

  status(user: Holder): Promise<TotpStatus> {
    return this.tx.read(async (em) => {
      const row = await this.repository.byUser(em, user.id);
      return {
        enrolled: !!row?.confirmedAt,
        pending: !!row && !row.confirmedAt,
        required: TotpService.isRequiredFor(user.role),
        recoveryCodesLeft: row?.confirmedAt ? await this.repository.recoveryCodesLeft(em, user.id) : 0,
      };
    });
  }

  /** A new secret for the user's app; active only once confirmed with a code from it. */
  async start(user: Holder): Promise<TotpEnrolment> {
    const secret = newTotpSecret();
    await this.tx.write(async (em) => {
      if (await this.isActive(em, user.id)) {
        throw new ConflictError('a one-time-password app is enrolled already: disable it first, or ask an admin to reset it', { code: 'TOTP_ENROLLED' });
      }
      await this.repository.startEnrolment(em, { userId: user.id, secretCiphertext: this.vault.seal(user.id, secret), createdAt: this.clock.now(), confirmedAt: null, lastUsedStep: null });
    });
    return this.enrolment(secret, user.username);
  }

  private async enrolment(secret: string, username: string): Promise<TotpEnrolment> {
    const uri = totpUri(secret, username);
    return { secret, uri, qrSvg: await qrCode(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' }) };
  }

  /** The enrolment waiting for its first code (its secret, URI and QR code again), or null when none waits. */
  async waiting(user: Holder): Promise<TotpEnrolment | null> {
    const row = await this.tx.read((em) => this.repository.byUser(em, user.id));
    if (!row || row.confirmedAt) return null;
    return this.enrolment(this.vault.open(user.id, row.secretCiphertext), user.username);
  }

  /** Confirms the waiting enrolment with a code from the app; returns the ten recovery codes, shown this once. */
  async confirm(user: Holder, code: string): Promise<string[]> {
    const codes = newRecoveryCodes();
    await this.tx.write(async (em) => {
      const row = await this.repository.byUser(em, user.id);
      if (!row || row.confirmedAt) throw new ConflictError('there is no enrolment waiting for a code: start one first', { code: 'NO_TOTP_ENROLMENT' });
      const now = this.clock.now();
      const step = totpCodeStep(this.vault.open(user.id, row.secretCiphertext), code, instantToMillis(now));
      if (step === null || !(await this.repository.useStep(em, user.id, step, now, true))) throw wrongCode('/totp');
      await this.repository.replaceRecoveryCodes(em, user.id, codes.map((c) => this.vault.recoveryCodeHash(user.id, c)), now);
      await this.accessLog.append(em, { event: 'totp.enrol', userId: user.id, detail: 'one-time passwords turned on, 10 recovery codes issued' });
    });
    return codes;
  }

  /** Ten new recovery codes (the old ones stop working), on proof of the second factor. */
  async regenerateRecoveryCodes(user: Holder, factor: SecondFactor): Promise<string[]> {
    const codes = newRecoveryCodes();
    await this.tx.write(async (em) => {
      await this.proveOrThrow(em, user, factor);
      await this.repository.replaceRecoveryCodes(em, user.id, codes.map((c) => this.vault.recoveryCodeHash(user.id, c)), this.clock.now());
      await this.accessLog.append(em, { event: 'totp.recovery-codes', userId: user.id, detail: '10 new recovery codes; the earlier ones no longer work' });
    });
    return codes;
  }

  /** Turns one-time passwords off, on proof of the second factor; not for a role that requires them. */
  async disable(user: Holder, factor: SecondFactor): Promise<void> {
    if (TotpService.isRequiredFor(user.role)) {
      throw new ForbiddenError(`a ${user.role} must sign in with a one-time password: it cannot be turned off (an admin can reset it)`, { code: 'TOTP_REQUIRED' });
    }
    await this.tx.write(async (em) => {
      await this.proveOrThrow(em, user, factor);
      await this.repository.remove(em, user.id);
      await this.accessLog.append(em, { event: 'totp.disable', userId: user.id, detail: 'one-time passwords turned off' });
    });
  }

  /**
   * Checks a second factor in the caller's unit of work and uses it up: a code is never
   * accepted for a step at or before the last one accepted, a recovery code only once.
   * A recovery code's use is logged and told to the user (so a stolen one shows).
   */
  async check(em: EntityManager, user: Holder, factor: SecondFactor): Promise<SecondFactorMethod | null> {
    const now = this.clock.now();
    if (factor.totp !== undefined) {
      const row = await this.repository.byUser(em, user.id);
      if (!row?.confirmedAt) return null;
      const step = totpCodeStep(this.vault.open(user.id, row.secretCiphertext), factor.totp, instantToMillis(now));
      return step !== null && (await this.repository.useStep(em, user.id, step, now, false)) ? 'totp' : null;
    }
    if (factor.recoveryCode !== undefined) {
      if (!(await this.repository.useRecoveryCode(em, user.id, this.vault.recoveryCodeHash(user.id, factor.recoveryCode), now))) return null;
      const left = await this.repository.recoveryCodesLeft(em, user.id);
      await this.accessLog.append(em, { event: 'totp.recovery-code', userId: user.id, detail: `a recovery code was used; ${left} left` });
      await this.notifications.notify(em, user.id, 'recovery-code-used', `A recovery code was used to sign in to your account; ${left} are left. If this was not you, tell an admin at once.`, null);
      return 'recovery-code';
    }
    return null;
  }

  private async proveOrThrow(em: EntityManager, user: Holder, factor: SecondFactor) {
    if (factor.totp === undefined && factor.recoveryCode === undefined) {
      throw InvalidInputError.single('/totp', 'secondFactorRequired', 'give a code from your app (totp) or a recovery code (recoveryCode)');
    }
    if (!(await this.isActive(em, user.id))) throw new ConflictError('no one-time-password app is enrolled', { code: 'TOTP_NOT_ENROLLED' });
    if (!(await this.check(em, user, factor))) throw wrongCode(factor.totp !== undefined ? '/totp' : '/recoveryCode');
  }

  /**
   * Replaces TOTP_KEY_FILE with a new key: every secret is re-encrypted under it in one
   * unit of work, then the new file takes the old one's place (the old one is kept as
   * `.old`; the file is never missing, so no process makes a key of its own meanwhile).
   * Recovery codes cannot follow (only their HMAC is kept): they are dropped, and their
   * users told to make new ones. `by`: who did it, for the access log.
   */
  async rotateKey(by: string): Promise<{ secrets: number; recoveryCodesVoided: number }> {
    const file = this.vault.keyFile;
    const next = TotpVault.forKeyFile(`${file}.new`);
    writeFileSync(next.keyFile, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'w' });
    const result = await this.tx.write(async (em) => {
      const rows = await this.repository.all(em);
      for (const row of rows) await this.repository.setCiphertext(em, row.userId, next.seal(row.userId, this.vault.open(row.userId, row.secretCiphertext)));
      const voided = await this.repository.dropAllRecoveryCodes(em);
      for (const userId of voided) {
        await this.notifications.notify(em, userId, 'recovery-codes-void', 'The server’s one-time-password key was replaced, so your recovery codes no longer work: make new ones (your account’s two-factor settings).', null);
      }
      await this.accessLog.append(em, { event: 'totp.key-rotated', userId: by, detail: `${rows.length} secrets re-encrypted; recovery codes of ${voided.length} users voided` });
      return { secrets: rows.length, recoveryCodesVoided: voided.length };
    }).catch((error: unknown) => {
      rmSync(next.keyFile, { force: true });
      throw error;
    });
    if (existsSync(file)) {
      writeFileSync(`${file}.old`, readFileSync(file), { mode: 0o600 });
      chmodSync(`${file}.old`, 0o600);
    }
    renameSync(next.keyFile, file);
    return result;
  }

  /** The demo's accounts: a documented secret, active at once (no app to confirm with). */
  async activateKnownSecret(userId: string, secret: string): Promise<void> {
    await this.tx.write(async (em) => {
      await this.repository.startEnrolment(em, { userId, secretCiphertext: this.vault.seal(userId, secret), createdAt: this.clock.now(), confirmedAt: this.clock.now(), lastUsedStep: null });
    });
  }

  /** The current code of a user whose secret is `secret` (null if theirs is another one): the demo's codes, for the command line. */
  async currentCodeIfSecret(userId: string, secret: string): Promise<string | null> {
    const row = await this.tx.read((em) => this.repository.byUser(em, userId));
    if (!row?.confirmedAt || this.vault.open(userId, row.secretCiphertext) !== secret) return null;
    return totpCode(secret, instantToMillis(this.clock.now()));
  }
}

function wrongCode(pointer: string) {
  return InvalidInputError.single(pointer, 'secondFactor', 'the code is wrong, was used already, or is too old: use the code your app shows now');
}
