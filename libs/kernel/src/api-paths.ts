/**
 * Requests the API answers (problem+json, bearer tokens, logged as interface 'api'); every
 * other path is a page (an error page, the session cookie, logged as 'web').
 */
export function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/') || path === '/health' || path.startsWith('/health/');
}
