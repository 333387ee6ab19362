import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AuthService, SESSION_COOKIE, SignInOutcome, readCookie, sessionTokenOf } from '@mapwork/auth';
import { DomainError, FieldProblem, TooManyRequestsError, UnavailableError } from '@mapwork/kernel';
import { FormDrafts } from '../drafts/form-drafts.service';
import { WebResult, redirectTo } from '../pages/page';
import { DRAFT_COOKIE, PRESESSION_COOKIE, clearCookie, setCookie } from '../security/cookies';

/** Between the password and the one-time code: the challenge of `second-factor-required`. */
export const SIGN_IN_COOKIE = 'mapwork-sign-in';

/** Where each unfinished sign-in goes on: the page of the only thing its session may do. */
export const UNFINISHED_PAGES = {
  'password-change-required': '/account/password',
  'enrolment-required': '/account/two-factor',
} as const;

/** The same pages, by the code of the guard's refusal when such a session asks for anything else. */
export const UNFINISHED_BY_CODE: Record<string, string> = {
  PASSWORD_CHANGE_REQUIRED: UNFINISHED_PAGES['password-change-required'],
  TOTP_ENROLMENT_REQUIRED: UNFINISHED_PAGES['enrolment-required'],
};

/** `?returnTo=…` for the next step's address, when there is somewhere to return to. */
export function returnToQuery(returnTo: string | null): string {
  return returnTo ? `?${new URLSearchParams({ returnTo })}` : '';
}

/**
 * A sign-in refused for now, as a message for the top of the form: throttling and lockout
 * (429) and a full hashing queue (503), with the seconds to wait. Null for anything else.
 */
export function waitProblem(error: unknown): { problem: FieldProblem; status: number; retryAfter: number } | null {
  if (!(error instanceof TooManyRequestsError || error instanceof UnavailableError)) return null;
  const retryAfter = Number((error as DomainError).details.retryAfter) || 1;
  const wait = retryAfter >= 60 ? `Wait ${Math.ceil(retryAfter / 60)} ${Math.ceil(retryAfter / 60) === 1 ? 'minute' : 'minutes'}` : 'Wait a few seconds';
  const message =
    error instanceof TooManyRequestsError
      ? `There have been too many attempts to sign in to this account, or from this network. ${wait}, then try again.`
      : `The service is busy checking other sign-ins. ${wait}, then try again.`;
  return { problem: { pointer: '', rule: error instanceof TooManyRequestsError ? 'throttled' : 'busy', message }, status: error instanceof TooManyRequestsError ? 429 : 503, retryAfter };
}

/**
 * Carries a browser's sign-in from the answer of each step (AuthService says what comes
 * next): a code page with the challenge in a short-lived cookie; a session restricted to
 * changing the password or setting up an app, on that page; or the full session, a new
 * one (the browser's previous session ended), then where the user was going, with a form
 * they were filling in when their last session ended.
 */
@Injectable()
export class SignInFlow {
  constructor(
    private readonly auth: AuthService,
    private readonly drafts: FormDrafts,
  ) {}

  async continue(outcome: SignInOutcome, req: Request, res: Response, returnTo: string | null): Promise<WebResult> {
    if (outcome.outcome === 'second-factor-required') {
      // the server decides when the challenge has ended (10 minutes, 5 wrong codes)
      setCookie(res, req, SIGN_IN_COOKIE, outcome.challenge);
      return redirectTo(`/sign-in/code${returnToQuery(returnTo)}`);
    }
    clearCookie(res, req, SIGN_IN_COOKIE);
    await this.openSession(req, res, outcome.outcome === 'signed-in' ? outcome.token : outcome.challenge);
    if (outcome.outcome !== 'signed-in') return redirectTo(`${UNFINISHED_PAGES[outcome.outcome]}${returnToQuery(returnTo)}`);
    const draft = readCookie(req, DRAFT_COOKIE);
    if (draft && !(await this.drafts.claim(draft, outcome.user.id))) clearCookie(res, req, DRAFT_COOKIE);
    return redirectTo(returnTo ?? '/');
  }

  /** Ends the browser's session (and a sign-in half done). */
  async end(req: Request, res: Response): Promise<void> {
    const session = sessionTokenOf(req);
    if (session) await this.auth.revoke(session);
    clearCookie(res, req, SESSION_COOKIE);
    clearCookie(res, req, SIGN_IN_COOKIE);
  }

  private async openSession(req: Request, res: Response, token: string): Promise<void> {
    const previous = sessionTokenOf(req);
    if (previous && previous !== token) await this.auth.revoke(previous);
    setCookie(res, req, SESSION_COOKIE, token);
    clearCookie(res, req, PRESESSION_COOKIE);
  }
}
