import { isApiPath } from './api-paths';

describe('isApiPath', () => {
  it('is the API and the health check, and nothing that only starts like them', () => {
    expect(['/api', '/api/v1/cases', '/api/docs', '/health'].map(isApiPath)).toEqual([true, true, true, true]);
    expect(['/', '/apis', '/cases/x', '/sign-in', '/healthy'].map(isApiPath)).toEqual([false, false, false, false, false]);
  });
});
