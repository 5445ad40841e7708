import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { freePort } from '../scripts/services/ports';
import { RunningPostgres, startEmbeddedPostgres } from '../scripts/services/postgres';
import { ensureRedisServer, RunningRedis, startRedis } from '../scripts/services/redis';
import { say, stopLater } from './lifecycle';
import { SmtpSink, startSmtpSink } from './smtp-sink';

export interface BenchServices {
  /** The run's own directory, removed at the end. */
  baseDir: string;
  postgres: RunningPostgres;
  redis: RunningRedis;
  sink: SmtpSink;
}

/**
 * A directory, PostgreSQL (database grants_bench), Redis and an SMTP sink on loopback for one
 * benchmark run, all stopped and removed when it ends (runBenchmark). postgresLog receives the
 * server's log lines.
 */
export async function startBenchServices(label: string, options: { postgresLog?: (line: string) => void } = {}): Promise<BenchServices> {
  const baseDir = await mkdtemp(path.join(tmpdir(), `grants-bench-${label}-`));
  await chmod(baseDir, 0o755); // as root, PostgreSQL runs as the postgres user, which must reach its data directory
  stopLater('temp dir', { stop: () => rm(baseDir, { recursive: true, force: true }) });
  ensureRedisServer(say);
  say('starting PostgreSQL, Redis and the SMTP sink on loopback...');
  const [postgres, redis, sink] = await Promise.all([
    freePort()
      .then((port) => startEmbeddedPostgres({ dataDir: path.join(baseDir, 'postgres'), port, database: 'grants_bench', ephemeral: true, ...(options.postgresLog ? { log: options.postgresLog } : {}) }))
      .then((service) => stopLater('PostgreSQL', service)),
    freePort()
      .then((port) => startRedis({ port }))
      .then((service) => stopLater('Redis', service)),
    startSmtpSink().then((service) => stopLater('SMTP sink', service)),
  ]);
  return { baseDir, postgres, redis, sink };
}

/** Rate limits a bench's load must not run into. */
export const RAISED_LIMIT = '1000000';

/**
 * The environment the built API (and worker) run in for a bench, as in production
 * (NODE_ENV=production): a database role of their own, since production refuses the embedded
 * database's default password; the run's Redis and SMTP sink; made-up secrets; rate limits raised
 * so that they do not refuse the bench. `settings` adds to it (LOG_LEVEL, API_PROCESSES...).
 */
export async function productionEnv(services: BenchServices, db: Pool, settings: Record<string, string>): Promise<Record<string, string | undefined>> {
  const appPassword = randomBytes(16).toString('hex');
  await db.query(`CREATE ROLE grants_app LOGIN SUPERUSER PASSWORD '${appPassword}'`);
  const appDatabaseUrl = new URL(services.postgres.url);
  appDatabaseUrl.username = 'grants_app';
  appDatabaseUrl.password = appPassword;
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    DATABASE_URL: appDatabaseUrl.toString(),
    REDIS_URL: services.redis.url,
    SMTP_URL: services.sink.url,
    APP_URL: 'https://grants.bench.ontario.ca',
    MAIL_FROM: 'Ontario Grants <grants@bench.ontario.ca>',
    OFFICE_CONTACT_EMAIL: 'grants-office@bench.ontario.ca',
    OFFICE_CONTACT_PHONE: '416-326-1234',
    CSRF_SECRET: randomBytes(32).toString('hex'),
    DATA_DIR: path.join(services.baseDir, 'data'),
    TRUST_PROXY: '1',
    RATE_LIMIT_PER_MINUTE: RAISED_LIMIT,
    AUTH_RATE_LIMIT_PER_MINUTE: RAISED_LIMIT,
    ...settings,
  };
}
