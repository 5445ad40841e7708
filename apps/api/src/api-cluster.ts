import cluster, { Worker } from 'node:cluster';
import { AppConfig, CLUSTER_METRICS_REPLY, CLUSTER_METRICS_REQUEST } from '@grants/core';
import pino from 'pino';
import { AggregatorRegistry } from 'prom-client';

const STOP_TIMEOUT_MS = 15_000;

/**
 * The API as `config.apiProcesses` processes sharing one port (Node's cluster): each is a whole API
 * instance, and what they share (sessions, rate limits, queues) already lives in PostgreSQL and Redis.
 * This primary only supervises: it restarts a process that crashes, stops them all on SIGTERM or
 * SIGINT, and adds their request metrics together for whichever of them is scraped.
 */
export function superviseApiProcesses(config: AppConfig): Promise<void> {
  const logger = pino({ level: config.logLevel, base: { pid: process.pid, role: 'api-primary' } });
  const aggregator = new AggregatorRegistry();
  const listening = new Set<number>();
  let stopping = false;
  // A secret made up at start (no CSRF_SECRET, as `npm start` runs) is made up once, here, for every
  // process: a form read from one is sent back to another.
  const fork = (): Worker => cluster.fork({ CSRF_SECRET: config.csrfSecret });

  cluster.on('listening', (worker) => listening.add(worker.id));

  cluster.on('exit', (worker, code, signal) => {
    const hadStarted = listening.delete(worker.id);
    if (stopping) return;
    if (!hadStarted) {
      // Restarting a process that cannot start (bad configuration, database unreachable) would loop for ever.
      logger.fatal({ workerPid: worker.process.pid, code, signal }, 'an API process exited while starting; stopping the others');
      stopAll(code && code !== 0 ? code : 1);
      return;
    }
    logger.error({ workerPid: worker.process.pid, code, signal }, 'an API process exited; starting another');
    fork();
  });

  cluster.on('message', (worker, message: unknown) => {
    if (!isMetricsRequest(message)) return;
    aggregator
      .clusterMetrics()
      .then((text) => worker.send({ type: CLUSTER_METRICS_REPLY, id: message.id, text }))
      .catch((error: unknown) => worker.send({ type: CLUSTER_METRICS_REPLY, id: message.id, error: error instanceof Error ? error.message : String(error) }));
  });

  let resolveStopped: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (resolveStopped = resolve));
  const stopAll = (exitCode: number): void => {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined);
    const timer = setTimeout(() => workers.forEach((worker) => worker.process.kill('SIGKILL')), STOP_TIMEOUT_MS);
    timer.unref();
    Promise.all(workers.map((worker) => new Promise<void>((resolve) => (worker.isDead() ? resolve() : worker.once('exit', () => resolve())))))
      .then(() => {
        process.exitCode = exitCode;
        resolveStopped();
      })
      .catch(() => undefined);
    // Each process closes its server and connections on SIGTERM (Nest's shutdown hooks).
    workers.forEach((worker) => worker.process.kill('SIGTERM'));
  };
  process.once('SIGTERM', () => stopAll(0));
  process.once('SIGINT', () => stopAll(0));

  logger.info({ processes: config.apiProcesses, port: config.port }, 'starting API processes');
  for (let i = 0; i < config.apiProcesses; i += 1) fork();
  return stopped;
}

/** In a process of the cluster: when the primary is gone (killed), this one stops too rather than serve on alone. */
export function stopWithPrimary(): void {
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}

function isMetricsRequest(message: unknown): message is { type: string; id: number } {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === CLUSTER_METRICS_REQUEST;
}
