import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
// Global setup runs outside jest's module map: no @grants aliases here.
import { runMigrations } from '../libs/core/src/database/run-migrations';
import { freePort } from '../scripts/services/ports';
import { startEmbeddedPostgres } from '../scripts/services/postgres';
import { ensureRedisServer, startRedis } from '../scripts/services/redis';
import { startSmtpCapture } from './support/smtp-capture';

/**
 * Starts the real services once for every integration and e2e test: PostgreSQL (embedded, fresh
 * data directory, random port), redis-server on a random port and a capturing SMTP server.
 * Test workers inherit the connection settings through the environment.
 */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const baseDir = await mkdtemp(path.join(tmpdir(), 'grants-test-'));
  await chmod(baseDir, 0o755); // the postgres user must be able to reach its data directory

  ensureRedisServer((line) => process.stdout.write(`\n${line}\n`));
  const [postgres, redis, smtp] = await Promise.all([
    freePort().then((port) => startEmbeddedPostgres({ dataDir: path.join(baseDir, 'postgres'), port, database: 'grants_test', ephemeral: true })),
    freePort().then((port) => startRedis({ port })),
    startSmtpCapture(),
  ]);
  await runMigrations(postgres.url);

  Object.assign(process.env, {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    SMTP_URL: `smtp://127.0.0.1:${smtp.smtpPort}`,
    MAILBOX_URL: smtp.apiUrl,
    OUTBOX_POLL_MS: '50',
    // Many accounts are made from 127.0.0.1; the test of the limits sets its own.
    RATE_LIMIT_PER_MINUTE: '100000',
    AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    TEST_BASE_DIR: baseDir,
    DATA_DIR: path.join(baseDir, 'data'),
  });
  (globalThis as { __services__?: unknown }).__services__ = { postgres, redis, smtp };
  process.stdout.write(`\nTest services ready in ${((Date.now() - started) / 1000).toFixed(1)} s: PostgreSQL, Redis, SMTP on loopback\n`);
}
