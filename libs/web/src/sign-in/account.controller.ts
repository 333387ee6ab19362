import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AllowDuring, AuthService, AuthUser, ChangePasswordDto, CurrentUser, PASSWORD_MIN_LENGTH, TotpService } from '@mapwork/auth';
import { ConflictError } from '@mapwork/kernel';
import { FormView, defineForm } from '../forms/form';
import { WebResult, page } from '../pages/page';
import { FormBody, WebController } from '../pages/web-controller';
import { safeReturnTo } from '../paths';
import { qrCodePath } from './qr-code';
import { totpForm } from './sign-in.controller';
import { SignInFlow, waitProblem } from './sign-in-flow';

/** The same DTO as POST /api/v1/auth/password; the policy's rules come back from AuthService on their fields. */
const passwordForm = defineForm({
  dto: ChangePasswordDto,
  input: (v) => ({ currentPassword: v.currentPassword ?? '', newPassword: v.newPassword ?? '' }),
  labels: { '/currentPassword': 'Current password', '/newPassword': 'New password' },
  messages: {
    '/currentPassword': { isString: 'Enter your current password', isLength: 'Enter your current password', currentPassword: 'Your current password is wrong' },
    '/newPassword': {
      isString: 'Enter a new password',
      isLength: 'Enter a new password',
      minLength: `Your new password must be at least ${PASSWORD_MIN_LENGTH} characters long`,
      commonPassword: 'Your new password is too common: choose one that others would not guess',
      containsUsername: 'Your new password must not contain your username',
      containsName: 'Your new password must not contain your name',
      differentFromCurrent: 'Your new password must be different from your current one',
    },
  },
});

/** Base32 in groups of four, as people type it into an app. */
const grouped = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');

/**
 * The signed-in user's own account: their password, and their authenticator app. An
 * unfinished sign-in comes here, and only here (@AllowDuring): after an admin set the
 * password, to choose one's own; as an admin or evaluator without an app, to set one up
 * (the QR code is drawn inline; the key is written out for typing in). Each answers with
 * the sign-in's next step, which SignInFlow carries on.
 */
@WebController('account')
export class AccountController {
  constructor(
    private readonly auth: AuthService,
    private readonly totp: TotpService,
    private readonly flow: SignInFlow,
  ) {}

  @Get('password')
  @AllowDuring('password-change')
  passwordPage(@CurrentUser() user: AuthUser, @Query('returnTo') returnTo: unknown) {
    return this.showPassword(user, passwordForm.view({}), safeReturnTo(returnTo), 200);
  }

  @Post('password')
  @AllowDuring('password-change')
  changePassword(@CurrentUser() user: AuthUser, @FormBody() body: Record<string, unknown> | undefined, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const returnTo = safeReturnTo(body?.returnTo);
    const show = (form: FormView, status: number) => this.showPassword(user, form, returnTo, status);
    return passwordForm.submit<WebResult>(body, {
      show,
      save: async (change, values) => {
        try {
          return await this.flow.continue(await this.auth.changePassword(user, change), req, res, returnTo ?? '/?done=password-changed');
        } catch (error) {
          const wait = waitProblem(error);
          if (!wait) throw error;
          res.setHeader('Retry-After', String(wait.retryAfter));
          return show(passwordForm.view(values, [wait.problem]), wait.status);
        }
      },
    });
  }

  @Get('two-factor')
  @AllowDuring('enrolment')
  async twoFactorPage(@CurrentUser() user: AuthUser, @Query('returnTo') returnTo: unknown) {
    return this.showEnrolment(user, totpForm.view({}), safeReturnTo(returnTo), 200);
  }

  @Post('two-factor')
  @AllowDuring('enrolment')
  confirmApp(@CurrentUser() user: AuthUser, @FormBody() body: Record<string, unknown> | undefined, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const returnTo = safeReturnTo(body?.returnTo);
    return totpForm.submit<WebResult>(body, {
      show: (form, status) => this.showEnrolment(user, form, returnTo, status),
      save: async ({ totp }) => {
        const { recoveryCodes, signIn } = await this.auth.confirmEnrolment(user, totp);
        // the codes are shown on this answer only; the sign-in (if it waited for the app) carries on from it
        const next = signIn ? await this.flow.continue(signIn, req, res, returnTo) : null;
        const continueTo = next?.kind === 'redirect' ? next.url : (returnTo ?? '/');
        return page('account/recovery-codes', { title: 'Your authenticator app is set up', recoveryCodes, continueTo });
      },
    });
  }

  private showPassword(user: AuthUser, form: FormView, returnTo: string | null, status: number) {
    // no password is ever sent back to the browser
    const blank = { ...form, values: {} };
    return page('account/password', { title: 'Change your password', form: blank, returnTo, forced: user.scope === 'password-change', minLength: PASSWORD_MIN_LENGTH }, status);
  }

  /** The enrolment waiting for its first code, or a new one: the same key until it is confirmed. */
  private async showEnrolment(user: AuthUser, form: FormView, returnTo: string | null, status: number): Promise<WebResult> {
    try {
      const enrolment = (await this.totp.waiting(user)) ?? (await this.totp.start(user));
      return page(
        'account/two-factor',
        { title: 'Set up an authenticator app', form, returnTo, required: user.scope === 'enrolment', qr: qrCodePath(enrolment.uri), secret: grouped(enrolment.secret) },
        status,
      );
    } catch (error) {
      if (error instanceof ConflictError && error.details.code === 'TOTP_ENROLLED') return page('account/two-factor-set-up', { title: 'Your authenticator app is set up' });
      throw error;
    }
  }
}
