import { ConfigError, loadConfig } from './load-config';

const valid = {
  DATABASE_URL: 'postgres://grants:secret@db.internal:5432/grants',
  REDIS_URL: 'redis://cache.internal:6379',
  SMTP_URL: 'smtp://mailer:secret@smtp.internal:587',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error: unknown) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('reads a complete environment into typed settings with defaults', () => {
    const config = loadConfig({ ...valid, PORT: '8080', NODE_ENV: 'production' });
    expect(config.port).toBe(8080);
    expect(config.isProduction).toBe(true);
    expect(config.databaseUrl).toBe(valid.DATABASE_URL);
    expect(config.appUrl).toBe('http://localhost:3000');
    expect(config.outboxPollMs).toBe(500);
  });

  it('names every missing variable', () => {
    expect(problemsOf({ REDIS_URL: valid.REDIS_URL })).toEqual(['DATABASE_URL is required', 'SMTP_URL is required']);
  });

  it('names malformed variables without echoing their values', () => {
    const problems = problemsOf({ ...valid, DATABASE_URL: 'mysql://root:hunter2@db/grants', PORT: 'eighty' });
    expect(problems).toEqual([
      'PORT must be a port number from 1 to 65535',
      'DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@localhost:5432/grants',
    ]);
    expect(problems.join(' ')).not.toContain('hunter2');
  });

  it('treats an empty variable as missing', () => {
    expect(problemsOf({ ...valid, SMTP_URL: '' })).toEqual(['SMTP_URL is required']);
  });
});
