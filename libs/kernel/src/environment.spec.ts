import { validateEnvironment } from './environment';

describe('environment', () => {
  it('has working defaults', () => {
    expect(validateEnvironment({})).toMatchObject({ DATABASE_URL: 'sqlite:./data/mapwork.db', PORT: 3000, TOKEN_TTL_MINUTES: 480, DATABASE_MIGRATE: true, SQLITE_BUSY_TIMEOUT_MS: 30_000 });
  });
  it('reads and converts what is set', () => {
    expect(validateEnvironment({ PORT: '8080', DATABASE_URL: 'postgres://u:p@localhost:5432/mapwork', DATABASE_MIGRATE: 'false', SQLITE_BUSY_TIMEOUT_MS: '5000' })).toMatchObject({
      PORT: 8080,
      DATABASE_MIGRATE: false,
      SQLITE_BUSY_TIMEOUT_MS: 5000,
    });
  });
  it('reads the session settings, and refuses an idle timeout longer than a session', () => {
    expect(validateEnvironment({})).toMatchObject({ IDLE_TIMEOUT_MINUTES: 30, SESSION_TTL_MINUTES: 720 });
    expect(validateEnvironment({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe('2');
    expect(() => validateEnvironment({ IDLE_TIMEOUT_MINUTES: '60', SESSION_TTL_MINUTES: '30' })).toThrow(/IDLE_TIMEOUT_MINUTES must not be longer/);
  });
  it('has integrity settings: key file, checkpoint directory and interval, trusted proxies', () => {
    expect(validateEnvironment({})).toMatchObject({ INTEGRITY_KEY_FILE: './data/integrity.key', CHECKPOINT_DIR: './data/checkpoints', CHECKPOINT_INTERVAL_SECONDS: 60, TRUST_PROXY: 'false' });
    expect(validateEnvironment({ CHECKPOINT_INTERVAL_SECONDS: '5', TRUST_PROXY: '10.0.0.0/8, 192.168.1.1' })).toMatchObject({ CHECKPOINT_INTERVAL_SECONDS: 5 });
    expect(() => validateEnvironment({ CHECKPOINT_INTERVAL_SECONDS: '-1', TRUST_PROXY: 'everyone' })).toThrow(/CHECKPOINT_INTERVAL_SECONDS[\s\S]*TRUST_PROXY/);
  });
  it('fails fast with one message naming every bad variable', () => {
    expect(() => validateEnvironment({ PORT: 'eighty', DATABASE_URL: 'mysql://x', TOKEN_TTL_MINUTES: '1' })).toThrow(
      /configuration is wrong:[\s\S]*DATABASE_URL must be sqlite:[\s\S]*PORT must be a whole number[\s\S]*TOKEN_TTL_MINUTES/,
    );
  });
});
