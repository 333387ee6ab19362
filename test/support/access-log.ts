import type { AccessLogEntry } from '@mapwork/auth';
import { TestApp } from './test-app';

/** Entries of the access log, newest first, as an admin reads them (GET /api/v1/admin/access-log, up to 200). */
export async function accessLog(t: TestApp, admin: { Authorization: string }, filter: Record<string, string> = {}): Promise<AccessLogEntry[]> {
  const res = await t.http().get('/api/v1/admin/access-log').query({ pageSize: '200', ...filter }).set(admin);
  if (res.status !== 200) throw new Error(`access log: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.items as AccessLogEntry[];
}
