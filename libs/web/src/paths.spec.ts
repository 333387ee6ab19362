import { safeReturnTo } from './paths';
import { csrfTokenFor, csrfTokenMatches } from './security/csrf';

describe('where a browser may be sent after signing in', () => {
  it('keeps paths of this site’s pages, with their query', () => {
    expect(safeReturnTo('/')).toBe('/');
    expect(safeReturnTo('/cases/abc?done=x')).toBe('/cases/abc?done=x');
    expect(safeReturnTo('/cases/../cases/abc')).toBe('/cases/abc');
  });
  it('refuses other sites, other schemes, the API and the sign-in pages', () => {
    for (const bad of [
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example',
      '\\\\evil.example',
      'javascript:alert(1)',
      '/%0d%0aSet-Cookie:x',
      '/x\r\nLocation: https://evil.example',
      '/api/v1/cases',
      '/health',
      '/sign-in',
      '/sign-out',
      'cases',
      '',
      undefined,
      ['/'],
      `/${'a'.repeat(1000)}`,
    ]) {
      const kept = safeReturnTo(bad);
      expect({ bad, kept: kept === null || (!kept.includes('//') && kept.startsWith('/') && !/[\r\n]/.test(kept)) }).toEqual({ bad, kept: true });
    }
    expect(safeReturnTo('https://evil.example/')).toBeNull();
    expect(safeReturnTo('//evil.example/x')).toBeNull();
    expect(safeReturnTo('/\\evil.example')).toBeNull();
    expect(safeReturnTo('/api/v1/cases')).toBeNull();
  });
});

describe('CSRF tokens', () => {
  it('are bound to the cookie they are made from', () => {
    const token = csrfTokenFor('session-a');
    expect(csrfTokenMatches('session-a', token)).toBe(true);
    expect(csrfTokenMatches('session-b', token)).toBe(false);
    expect(csrfTokenMatches(undefined, token)).toBe(false);
    expect(csrfTokenMatches('session-a', undefined)).toBe(false);
    expect(csrfTokenMatches('session-a', [token])).toBe(false);
    expect(csrfTokenMatches('session-a', token.slice(1))).toBe(false);
  });
});
