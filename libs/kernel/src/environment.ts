import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

export const DEFAULT_DATABASE_URL = 'sqlite:./data/mapwork.db';

/** The password-hashing cost a server runs at unless NODE_ENV=test: scrypt N = 2^17. */
export const PRODUCTION_SCRYPT_LOG_N = 17;
const MIN_TEST_SCRYPT_LOG_N = 10;

/** A size setting (`20mb`, `500kb`, `1gb`, as the limits below are written) in bytes. */
export function sizeInBytes(limit: string): number {
  const m = /^([0-9]+)(kb|mb|gb)$/.exec(limit);
  if (!m) throw new Error(`not a size like 20mb: ${limit}`);
  return Number(m[1]) * { kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[m[2] as 'kb' | 'mb' | 'gb'];
}

/** Every setting the server reads, validated once at start-up. */
export class Environment {
  @IsString()
  @Matches(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, { message: 'DATABASE_URL must be sqlite:<file> or postgres://user:password@host:port/database' })
  DATABASE_URL: string = DEFAULT_DATABASE_URL;

  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt({ message: 'PORT must be a whole number' })
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  @IsString()
  HOST: string = '127.0.0.1';

  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt({ message: 'TOKEN_TTL_MINUTES must be a whole number of minutes' })
  @Min(5)
  @Max(7 * 24 * 60)
  TOKEN_TTL_MINUTES: number = 480;

  /** a browser session ends this long after it was opened, however busy */
  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt({ message: 'SESSION_TTL_MINUTES must be a whole number of minutes' })
  @Min(5)
  @Max(7 * 24 * 60)
  SESSION_TTL_MINUTES: number = 720;

  /** sessions and bearer tokens both end after this long without use */
  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt({ message: 'IDLE_TIMEOUT_MINUTES must be a whole number of minutes' })
  @Min(2)
  @Max(7 * 24 * 60)
  IDLE_TIMEOUT_MINUTES: number = 30;

  @Matches(/^[0-9]+(kb|mb)$/, { message: 'BODY_LIMIT must look like 1mb or 500kb' })
  BODY_LIMIT: string = '1mb';

  @Matches(/^[0-9]+(kb|mb)$/, { message: 'ATTACHMENT_LIMIT must look like 20mb' })
  ATTACHMENT_LIMIT: string = '20mb';

  @Transform(({ value }) => (typeof value === 'string' ? value === 'true' || value === '1' : value))
  @IsBoolean()
  DATABASE_MIGRATE: boolean = true;

  /** the server secret from which each site's pseudonymisation key is derived; created on first use */
  @IsString()
  PSEUDONYMISATION_KEY_FILE: string = './data/pseudonymisation.key';

  @Matches(/^[0-9]+(kb|mb|gb)$/, { message: 'IMPORT_LIMIT must look like 200mb' })
  IMPORT_LIMIT: string = '200mb';

  /**
   * scrypt cost of password hashes as log2 N (17: N = 131,072, 128 MiB a hash). Below
   * PRODUCTION_SCRYPT_LOG_N only with NODE_ENV=test, so tests can sign in quickly.
   */
  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt({ message: 'SCRYPT_LOG_N must be a whole number (17 means N = 2^17)' })
  @Min(MIN_TEST_SCRYPT_LOG_N, { message: `SCRYPT_LOG_N must be at least ${MIN_TEST_SCRYPT_LOG_N}` })
  @Max(20, { message: 'SCRYPT_LOG_N must be at most 20 (1 GiB a hash)' })
  SCRYPT_LOG_N: number = PRODUCTION_SCRYPT_LOG_N;

  /** the key that encrypts one-time-password secrets (AES-256-GCM); created 0600 on first use */
  @IsString()
  TOTP_KEY_FILE: string = './data/totp.key';
  /** SQLite: how long a request waits for the write lock another process holds (a command-line import, say) before it is answered 503 */
  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt({ message: 'SQLITE_BUSY_TIMEOUT_MS must be a whole number of milliseconds' })
  @Min(0)
  @Max(600_000)
  SQLITE_BUSY_TIMEOUT_MS: number = 30_000;

  /** the keys that MAC revisions, heads, access-log entries and checkpoints; created on first use, never while the database holds sealed rows */
  @IsString()
  INTEGRITY_KEY_FILE: string = './data/integrity.key';

  /** where checkpoints are appended outside the database (one file per database); every server of one database must share it */
  @IsString()
  CHECKPOINT_DIR: string = './data/checkpoints';

  /** how often a server writes a checkpoint when something changed; 0: only at shutdown and on demand */
  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt({ message: 'CHECKPOINT_INTERVAL_SECONDS must be a whole number of seconds' })
  @Min(0)
  @Max(24 * 60 * 60)
  CHECKPOINT_INTERVAL_SECONDS: number = 60;

  /** a shell command run after each checkpoint with its line on standard input, to copy it to an external store */
  @IsOptional()
  @IsString()
  CHECKPOINT_COPY_COMMAND?: string;

  /**
   * Express's `trust proxy`: which proxies to believe about the client's address and
   * whether the request came over TLS (Secure cookies, HSTS): false (default: the server
   * faces browsers itself), true, a hop count, or addresses/subnets.
   */
  @Matches(/^(false|true|[0-9]{1,2}|[0-9A-Fa-f.:/]+(\s*,\s*[0-9A-Fa-f.:/]+)*|loopback|linklocal|uniquelocal)$/, {
    message: 'TRUST_PROXY must be false, true, a number of hops, or comma-separated addresses or subnets',
  })
  TRUST_PROXY: string = 'false';

  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV?: string;
}

/** Settings that cannot be used; the message lists every bad variable, one per line. */
export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`mapwork cannot start, the configuration is wrong:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigurationError';
  }
}

/** For ConfigModule: returns the typed settings or throws one message listing every bad variable. */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const defined = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ''));
  const env = plainToInstance(Environment, defined, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
  const problems = errors.flatMap((e) => Object.values(e.constraints ?? {}));
  if (env.DATABASE_URL.startsWith('postgres')) {
    try {
      new URL(env.DATABASE_URL);
    } catch {
      problems.push('DATABASE_URL is not a valid postgres:// URL');
    }
  }
  if (env.IDLE_TIMEOUT_MINUTES > env.SESSION_TTL_MINUTES) problems.push('IDLE_TIMEOUT_MINUTES must not be longer than SESSION_TTL_MINUTES');
  if (env.SCRYPT_LOG_N < PRODUCTION_SCRYPT_LOG_N && env.NODE_ENV !== 'test') {
    problems.push(`SCRYPT_LOG_N below ${PRODUCTION_SCRYPT_LOG_N} is allowed only with NODE_ENV=test`);
  }
  if (problems.length) throw new ConfigurationError(problems);
  return env;
}
