import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PREREQUISITES_STEP, prerequisites } from './prerequisites';

/** A PostgreSQL cluster started for one test run: data in a temp dir, on a free loopback port. */
export interface ThrowawayPostgres {
  url: string;
  port: number;
  dataDir: string;
  stop(): void;
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** The PostgreSQL server binaries, installed before the tests by the prerequisites step. */
export function postgresBinaries(): string {
  const dir = prerequisites.postgresBinDir();
  if (!dir) throw new Error(`PostgreSQL server binaries (initdb, pg_ctl) not found: ${PREREQUISITES_STEP}`);
  return dir;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** initdb refuses to run as root: run the server tools as the postgres system user then. */
function asServerUser(bin: string, args: string[]) {
  const [cmd, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  const result = spawnSync(cmd, argv, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

export async function startPostgres(): Promise<ThrowawayPostgres> {
  const bin = postgresBinaries();
  const root = mkdtempSync(join(tmpdir(), 'mapwork-pg-'));
  const dataDir = join(root, 'data');
  if (isRoot) {
    chmodSync(root, 0o755);
    execFileSync('chown', ['postgres:postgres', root]);
  }
  const port = await freePort();
  asServerUser(join(bin, 'initdb'), ['-D', dataDir, '-U', 'mapwork', '--auth=trust', '--encoding=UTF8', '--locale=C', '-N']);
  asServerUser(join(bin, 'pg_ctl'), [
    '-D', dataDir, '-l', join(root, 'server.log'), '-w', '-t', '60',
    '-o', `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${root} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
    'start',
  ]);
  return {
    url: `postgres://mapwork@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    stop() {
      try {
        asServerUser(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}
