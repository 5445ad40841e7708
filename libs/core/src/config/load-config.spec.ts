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

/** What production needs on top of `valid`: nothing left at a default or a placeholder. */
const production = {
  ...valid,
  NODE_ENV: 'production',
  APP_URL: 'https://grants.ontario.example.ca',
  CSRF_SECRET: 'k3Jx9vQ2mW8rT5yL1nB7cF4hD6gS0aZe',
  MAIL_FROM: 'Ontario Grants <grants@ontario.ca>',
  OFFICE_CONTACT_EMAIL: 'grants-office@ontario.ca',
  OFFICE_CONTACT_PHONE: '1-800-268-8258',
};

describe('loadConfig', () => {
  it('reads a complete environment into typed settings with defaults', () => {
    const config = loadConfig({ ...valid, PORT: '8080' });
    expect(config.port).toBe(8080);
    expect(config.isProduction).toBe(false);
    expect(config.databaseUrl).toBe(valid.DATABASE_URL);
    expect(config.appUrl).toBe('http://localhost:3000');
    expect(config.outboxPollMs).toBe(500);
    expect(config.trustProxy).toBe(0);
  });

  it('refuses a stalled-job check as long as the job lock, which would take live workers\' jobs away', () => {
    expect(loadConfig({ ...valid, JOB_LOCK_MS: '4000', JOB_STALLED_CHECK_MS: '1000' }).jobLockMs).toBe(4000);
    expect(problemsOf({ ...valid, JOB_LOCK_MS: '4000', JOB_STALLED_CHECK_MS: '4000' })).toEqual([expect.stringMatching(/^JOB_STALLED_CHECK_MS must be shorter than JOB_LOCK_MS/)]);
    expect(problemsOf({ ...valid, METRICS_TOKEN: 'short' })).toEqual([expect.stringMatching(/^METRICS_TOKEN must be at least 24 characters/)]);
  });

  it('starts in production once nothing is a default or a placeholder', () => {
    const config = loadConfig(production);
    expect(config.isProduction).toBe(true);
    expect(config.appUrl).toBe(production.APP_URL);
  });

  it('refuses production with the laptop defaults, naming each variable and never a value', () => {
    let refusal: ConfigError | undefined;
    try {
      loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://postgres:postgres@127.0.0.1:5433/grants', REDIS_URL: valid.REDIS_URL, SMTP_URL: 'smtp://127.0.0.1:1025' });
    } catch (error: unknown) {
      if (error instanceof ConfigError) refusal = error;
    }
    expect(refusal?.message).toMatch(/^Refusing to start with NODE_ENV=production:/);
    expect(refusal?.problems.map((problem) => problem.split(' ')[0])).toEqual(['CSRF_SECRET', 'APP_URL', 'DATABASE_URL', 'SMTP_URL', 'MAIL_FROM', 'OFFICE_CONTACT_EMAIL', 'OFFICE_CONTACT_PHONE']);
    expect(refusal?.message).not.toContain('postgres:postgres');
  });

  it('refuses each production placeholder on its own', () => {
    expect(problemsOf({ ...production, APP_URL: 'http://grants.ontario.example.ca' })).toEqual(['APP_URL must be the public https address (links in emails, Secure cookies)']);
    expect(problemsOf({ ...production, APP_URL: 'https://localhost:3000' })).toEqual(['APP_URL must be the public address, not localhost']);
    expect(problemsOf({ ...production, DATABASE_URL: 'postgres://grants@db.internal/grants' })[0]).toMatch(/^DATABASE_URL has no password/);
    expect(problemsOf({ ...production, MAIL_FROM: 'grants@example.org', OFFICE_CONTACT_EMAIL: 'office@grants.test' }).map((problem) => problem.split(' ')[0])).toEqual(['MAIL_FROM', 'OFFICE_CONTACT_EMAIL']);
    expect(problemsOf({ ...production, OFFICE_CONTACT_PHONE: '(416) 555-0199' })[0]).toMatch(/^OFFICE_CONTACT_PHONE/);
    // A real mail server on the loopback (a local relay) is fine; only the demo's catcher is refused.
    expect(loadConfig({ ...production, SMTP_URL: 'smtp://127.0.0.1:25' }).smtpUrl).toBe('smtp://127.0.0.1:25');
  });

  it('trusts X-Forwarded-For from a number of proxies or from named ones, never from everyone', () => {
    expect(loadConfig({ ...valid, TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ ...valid, TRUST_PROXY: '10.0.0.5, 192.168.0.0/16,loopback,fd00::/16' }).trustProxy).toEqual(['10.0.0.5', '192.168.0.0/16', 'loopback', 'fd00::/16']);
    expect(loadConfig({ ...valid, TRUST_PROXY: '10.0.0.0/8,2001:db8::/16' }).trustProxy).toEqual(['10.0.0.0/8', '2001:db8::/16']);
    expect(loadConfig({ ...valid, TRUST_PROXY: 'false' }).trustProxy).toBe(0);
    for (const value of ['true', '10.0.0.0/33', 'proxy.internal', '10.0.0.5,', '-1']) {
      expect(problemsOf({ ...valid, TRUST_PROXY: value })).toEqual([expect.stringMatching(/^TRUST_PROXY must be a number of proxy hops .*never true/)]);
    }
  });

  it('refuses proxy ranges so broad that they trust everyone', () => {
    for (const [value, named] of [['0.0.0.0/0', '0.0.0.0/0'], ['::/0', '::/0'], ['10.0.0.5,8.0.0.0/7', '8.0.0.0/7'], ['fd00::/8', 'fd00::/8']] as const) {
      expect(problemsOf({ ...valid, TRUST_PROXY: value })).toEqual([`TRUST_PROXY must not trust ${named}: a range shorter than /8 (IPv4) or /16 (IPv6), and 0.0.0.0/0 or ::/0 above all, trusts nearly every sender, so anyone could forge X-Forwarded-For; name the proxies' addresses or a narrower range`]);
    }
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
