import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AuthService, ConfirmTotpDto, Public, RecoveryCodeDto, SignInDto, readCookie } from '@mapwork/auth';
import { InvalidInputError, UnauthenticatedError } from '@mapwork/kernel';
import { Form, FormView, defineForm } from '../forms/form';
import { FormValues } from '../forms/form-input';
import { WebResult, page, redirectTo } from '../pages/page';
import { FormBody, WebController } from '../pages/web-controller';
import { safeReturnTo } from '../paths';
import { SIGN_IN_COOKIE, SignInFlow, returnToQuery, waitProblem } from './sign-in-flow';

/** The same DTO as POST /api/v1/auth/sign-in (the code, if any, is asked for on the next page). */
const signInForm = defineForm({
  dto: SignInDto,
  input: (v) => ({ username: typeof v.username === 'string' ? v.username.trim() : v.username, password: v.password ?? '' }),
  labels: { '/username': 'Username', '/password': 'Password' },
  messages: {
    '/username': { isString: 'Enter your username', isLength: 'Enter your username' },
    '/password': { isString: 'Enter your password', isLength: 'Enter your password' },
  },
});

/** A code from the app: the same rule as the API's `totp`. */
export const totpForm = defineForm({
  dto: ConfirmTotpDto,
  // people type codes with spaces ("492 039"), as apps show them
  input: (v) => ({ totp: typeof v.totp === 'string' ? v.totp.replace(/[\s-]/g, '') : v.totp }),
  labels: { '/totp': 'Code from your authenticator app' },
  messages: { '/totp': { isString: 'Enter the code your app shows', matches: 'Enter the 6 digits your app shows' } },
});

const recoveryCodeForm = defineForm({
  dto: RecoveryCodeDto,
  input: (v) => ({ recoveryCode: typeof v.recoveryCode === 'string' ? v.recoveryCode.trim() : v.recoveryCode }),
  labels: { '/recoveryCode': 'Recovery code' },
  messages: { '/recoveryCode': { isString: 'Enter a recovery code', isLength: 'Enter a recovery code' } },
});

const NOTICES: Record<string, string> = {
  yes: 'Your session ended. Sign in again to carry on.',
  kept: 'Your session ended before you saved. What you typed has been kept: sign in again to go back to the form, check it and save it.',
  code: 'That sign-in took too long or had too many wrong codes. Sign in again.',
};

/**
 * Sign-in and sign-out pages, on AuthService's sign-in contract: the password, then, for
 * an account with an authenticator app, a code from it (or a recovery code), then, when
 * the sign-in needs it, a password of the user's own or an app set up (AccountController);
 * each answer says what comes next (SignInFlow). Wrong credentials get one message
 * whatever was wrong; too many attempts and a busy server say how long to wait.
 */
@WebController()
export class SignInController {
  constructor(
    private readonly auth: AuthService,
    private readonly flow: SignInFlow,
  ) {}

  @Public()
  @Get('sign-in')
  show(@Query('returnTo') returnTo: unknown, @Query('ended') ended: unknown, @Query('signedOut') signedOut: unknown) {
    const notice = typeof ended === 'string' ? NOTICES[ended] : signedOut ? 'You have signed out.' : undefined;
    return this.passwordPage(signInForm.view({}), safeReturnTo(returnTo), notice, 200);
  }

  @Public()
  @Post('sign-in')
  signIn(@FormBody() body: Record<string, unknown> | undefined, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const returnTo = safeReturnTo(body?.returnTo);
    return signInForm.submit<WebResult>(body, {
      show: (form, status) => this.passwordPage(form, returnTo, undefined, status),
      save: ({ username, password }, values) =>
        this.step(signInForm, values, res, (form, status) => this.passwordPage(form, returnTo, undefined, status), async () => {
          const outcome = await this.auth.signIn({ username, password, kind: 'session' }).catch((error: unknown) => {
            if (error instanceof UnauthenticatedError) throw InvalidInputError.single('/username', 'signIn', 'Enter a correct username and password');
            throw error;
          });
          return this.flow.continue(outcome, req, res, returnTo);
        }),
    });
  }

  @Public()
  @Get('sign-in/code')
  codePage(@Query('returnTo') returnTo: unknown, @Query('with') method: unknown, @Req() req: Request) {
    if (!readCookie(req, SIGN_IN_COOKIE)) return redirectTo(`/sign-in${returnToQuery(safeReturnTo(returnTo))}`);
    return method === 'recovery-code'
      ? this.recoveryPage(recoveryCodeForm.view({}), safeReturnTo(returnTo), 200)
      : this.totpPage(totpForm.view({}), safeReturnTo(returnTo), 200);
  }

  @Public()
  @Post('sign-in/code')
  code(@FormBody() body: Record<string, unknown> | undefined, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const returnTo = safeReturnTo(body?.returnTo);
    const challenge = readCookie(req, SIGN_IN_COOKIE);
    if (!challenge) return redirectTo(`/sign-in${returnToQuery(returnTo)}`);
    const answer = async (factor: { totp: string } | { recoveryCode: string }, pointer: string) => {
      const outcome = await this.auth.completeSecondFactor({ ...factor, challenge, kind: 'session' }).catch((error: unknown) => {
        if (!(error instanceof UnauthenticatedError)) throw error;
        if (error.details.code === 'SIGN_IN_ENDED') return null;
        throw InvalidInputError.single(pointer, 'secondFactor', pointer === '/totp' ? 'The code is wrong or was used already: enter the code your app shows now' : 'The recovery code is wrong or was used already');
      });
      if (!outcome) return this.restart(req, res, returnTo);
      return this.flow.continue(outcome, req, res, returnTo);
    };
    if (body?.recoveryCode !== undefined) {
      const show = (form: FormView, status: number) => this.recoveryPage(form, returnTo, status);
      return recoveryCodeForm.submit<WebResult>(body, { show, save: ({ recoveryCode }, values) => this.step(recoveryCodeForm, values, res, show, () => answer({ recoveryCode }, '/recoveryCode')) });
    }
    const show = (form: FormView, status: number) => this.totpPage(form, returnTo, status);
    return totpForm.submit<WebResult>(body, { show, save: ({ totp }, values) => this.step(totpForm, values, res, show, () => answer({ totp }, '/totp')) });
  }

  /** Public, so that signing out of a session that has already ended still clears it. */
  @Public()
  @Post('sign-out')
  async signOut(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    await this.flow.end(req, res);
    return redirectTo('/sign-in?signedOut=yes');
  }

  /** A step of the sign-in: refused for now (throttled, busy) is shown on its form with how long to wait. */
  private async step(form: Form<object>, values: FormValues, res: Response, show: (form: FormView, status: number) => WebResult, work: () => Promise<WebResult>): Promise<WebResult> {
    try {
      return await work();
    } catch (error) {
      const wait = waitProblem(error);
      if (!wait) throw error;
      res.setHeader('Retry-After', String(wait.retryAfter));
      return show(form.view(values, [wait.problem]), wait.status);
    }
  }

  private async restart(req: Request, res: Response, returnTo: string | null): Promise<WebResult> {
    await this.flow.end(req, res);
    return redirectTo(`/sign-in?${new URLSearchParams({ ended: 'code', ...(returnTo ? { returnTo } : {}) })}`);
  }

  private passwordPage(form: FormView, returnTo: string | null, notice: string | undefined, status: number) {
    // a password is never sent back to the browser
    const values = { username: form.values.username };
    return page('sign-in', { title: 'Sign in', form: { ...form, values }, returnTo, notice }, status);
  }

  private totpPage(form: FormView, returnTo: string | null, status: number) {
    const recoveryHref = `/sign-in/code?${new URLSearchParams({ with: 'recovery-code', ...(returnTo ? { returnTo } : {}) })}`;
    return page('sign-in-code', { title: 'Enter the code from your authenticator app', form, returnTo, recoveryHref }, status);
  }

  private recoveryPage(form: FormView, returnTo: string | null, status: number) {
    return page('sign-in-recovery-code', { title: 'Enter a recovery code', form, returnTo, totpHref: `/sign-in/code${returnToQuery(returnTo)}` }, status);
  }
}
