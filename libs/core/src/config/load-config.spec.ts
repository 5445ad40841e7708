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

  it('sends every email from the configured address, under a display name in the email’s language', () => {
    const config = loadConfig({ ...valid, MAIL_FROM: 'Ontario Grants <grants@ontario.example>' });
    expect(config.mailFromFor('en')).toEqual({ name: 'Ontario Grants', address: 'grants@ontario.example' });
    expect(config.mailFromFor('fr')).toEqual({ name: 'Subventions de l’Ontario pour la lutte contre la traite des personnes', address: 'grants@ontario.example' });
    expect(loadConfig({ ...valid, MAIL_FROM: 'grants@ontario.example', MAIL_FROM_NAME_FR: 'Subventions' }).mailFromFor('fr')).toEqual({ name: 'Subventions', address: 'grants@ontario.example' });
    expect(problemsOf({ ...valid, MAIL_FROM: 'Ontario Grants', OFFICE_CONTACT_EMAIL: 'nobody', OFFICE_CONTACT_PHONE: 'call us' })).toEqual([
      'MAIL_FROM must be an address, or a display name and an address, such as Grants <grants@example.org>',
      'OFFICE_CONTACT_EMAIL must be an email address',
      'OFFICE_CONTACT_PHONE must be a telephone number such as 416-555-0100 or 1-800-555-0100',
    ]);
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
