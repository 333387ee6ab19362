import { ForbiddenError, TooManyRequestsError, UnavailableError } from '@mapwork/kernel';
import { waitProblem } from './sign-in-flow';

describe('waitProblem', () => {
  it('says how long a throttled sign-in must wait, in whole minutes rounded up', () => {
    expect(waitProblem(new TooManyRequestsError('too many', 899.2))).toEqual({
      problem: { pointer: '', rule: 'throttled', message: 'There have been too many attempts to sign in to this account, or from this network. Wait 15 minutes, then try again.' },
      status: 429,
      retryAfter: 900,
    });
    expect(waitProblem(new TooManyRequestsError('too many', 60))?.problem.message).toContain('Wait 1 minute,');
    expect(waitProblem(new TooManyRequestsError('too many', 1))?.problem.message).toContain('Wait a few seconds,');
  });
  it('tells a busy server (503) from a throttle, and leaves every other error alone', () => {
    expect(waitProblem(new UnavailableError('busy', 2))).toEqual({
      problem: { pointer: '', rule: 'busy', message: 'The service is busy checking other sign-ins. Wait a few seconds, then try again.' },
      status: 503,
      retryAfter: 2,
    });
    expect(waitProblem(new ForbiddenError('no'))).toBeNull();
    expect(waitProblem(new Error('x'))).toBeNull();
  });
});
