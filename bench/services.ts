import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
