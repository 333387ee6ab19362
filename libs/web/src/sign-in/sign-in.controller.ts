import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AuthService, Public, SESSION_COOKIE, SignInDto, readCookie, sessionTokenOf } from '@mapwork/auth';
import { InvalidInputError, UnauthenticatedError } from '@mapwork/kernel';
import { FormDrafts } from '../drafts/form-drafts.service';
import { FormView, defineForm } from '../forms/form';
import { WebResult, page, redirectTo } from '../pages/page';
import { FormBody, WebController } from '../pages/web-controller';
import { safeReturnTo } from '../paths';
import { DRAFT_COOKIE, PRESESSION_COOKIE, clearCookie, setCookie } from '../security/cookies';

/** The same DTO as POST /api/v1/auth/sign-in. */
const signInForm = defineForm({
  dto: SignInDto,
  input: (v) => ({ username: typeof v.username === 'string' ? v.username.trim() : v.username, password: v.password ?? '' }),
  labels: { '/username': 'Username', '/password': 'Password' },
  messages: {
    '/username': { isString: 'Enter your username', isLength: 'Enter your username' },
    '/password': { isString: 'Enter your password', isLength: 'Enter your password' },
  },
});

const NOTICES: Record<string, string> = {
  yes: 'Your session ended. Sign in again to carry on.',
  kept: 'Your session ended before you saved. What you typed has been kept: sign in again to go back to the form, check it and save it.',
};

/**
 * Sign-in and sign-out pages. The password is checked by AuthService, as for the API; a
 * successful sign-in opens a new session (a new id, the old one ended) held in an
 * HttpOnly cookie. A second step (such as a one-time code) belongs between the password
 * check and the cookie: AuthService says when one is needed, and a page asks for it.
 */
@WebController()
export class SignInController {
  constructor(
    private readonly auth: AuthService,
    private readonly drafts: FormDrafts,
  ) {}

  @Public()
  @Get('sign-in')
  show(@Query('returnTo') returnTo: unknown, @Query('ended') ended: unknown, @Query('signedOut') signedOut: unknown) {
    const notice = typeof ended === 'string' ? NOTICES[ended] : signedOut ? 'You have signed out.' : undefined;
    return this.page(signInForm.view({}), safeReturnTo(returnTo), notice, 200);
  }

  @Public()
  @Post('sign-in')
  signIn(@FormBody() body: Record<string, unknown> | undefined, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const returnTo = safeReturnTo(body?.returnTo);
    return signInForm.submit<WebResult>(body, {
      show: (form, status) => this.page(form, returnTo, undefined, status),
      save: async ({ username, password }) => {
        const issued = await this.auth.signIn(username, password, 'session').catch((error: unknown) => {
          if (error instanceof UnauthenticatedError) throw InvalidInputError.single('/username', 'signIn', 'Enter a correct username and password');
          throw error;
        });
        const previous = sessionTokenOf(req);
        if (previous) await this.auth.revoke(previous);
        setCookie(res, req, SESSION_COOKIE, issued.token);
        clearCookie(res, req, PRESESSION_COOKIE);
        const draft = readCookie(req, DRAFT_COOKIE);
        if (draft && !(await this.drafts.claim(draft, issued.user.id))) clearCookie(res, req, DRAFT_COOKIE);
        return redirectTo(returnTo ?? '/');
      },
    });
  }

  /** Public, so that signing out of a session that has already ended still clears it. */
  @Public()
  @Post('sign-out')
  async signOut(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const session = sessionTokenOf(req);
    if (session) await this.auth.revoke(session);
    clearCookie(res, req, SESSION_COOKIE);
    return redirectTo('/sign-in?signedOut=yes');
  }

  private page(form: FormView, returnTo: string | null, notice: string | undefined, status: number) {
    // a password is never sent back to the browser
    const values = { username: form.values.username };
    return page('sign-in', { title: 'Sign in', form: { ...form, values }, returnTo, notice }, status);
  }
}
