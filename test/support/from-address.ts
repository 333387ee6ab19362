import { request } from 'node:http';
import { AddressInfo } from 'node:net';
import { TestApp } from './test-app';

export interface PlainResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

const ports = new WeakMap<TestApp, Promise<number>>();

/** The app listening on a loopback port (closed with the app). */
function portOf(t: TestApp): Promise<number> {
  let port = ports.get(t);
  if (!port) {
    const server = t.app.getHttpServer();
    port = new Promise<number>((resolve, reject) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)).once('error', reject));
    ports.set(t, port);
  }
  return port;
}

/**
 * A JSON request to the app from a chosen loopback address (127.0.0.2, 127.0.0.3, …: all of
 * 127/8 is this machine), so tests can be several clients at once, as the server sees them.
 */
export async function requestFrom(t: TestApp, address: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<PlainResponse> {
  const port = await portOf(t);
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, localAddress: address, method, path, agent: false, headers: { ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** POST /api/v1/auth/sign-in from an address. */
export function signInFrom(t: TestApp, address: string, username: string, password: string, more: Record<string, string> = {}) {
  return requestFrom(t, address, 'POST', '/api/v1/auth/sign-in', { username, password, ...more });
}
