import { Socket, connect } from 'node:net';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { redisOptions } from '../jobs/redis-connection';
import { FileStorage } from '../storage/file-storage';
import { WorkerHeartbeat } from './worker-heartbeat';

export type DependencyState = 'up' | 'down';

/** What /health checks, in the order it reports them. */
export const HEALTH_DEPENDENCIES = ['db', 'queue', 'worker', 'mail', 'storage'] as const;
export type Dependency = (typeof HEALTH_DEPENDENCIES)[number];

export interface HealthReport {
  status: 'ok' | 'down';
  db: DependencyState;
  queue: DependencyState;
  worker: DependencyState;
  workersAlive: number;
  workerLastSeenAt: string | null;
  mail: DependencyState;
  storage: DependencyState;
  /** What is down, empty when status is ok. */
  down: Dependency[];
}

const PROBE_TIMEOUT_MS = 1500;
/** The SMTP greeting is cached so that frequent /health polls do not open a connection each. */
const MAIL_CACHE_MS = 5000;

@Injectable()
export class HealthService {
  private mailChecked: { at: number; state: Promise<DependencyState> } | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly heartbeat: WorkerHeartbeat,
    private readonly storage: FileStorage,
  ) {}

  async check(): Promise<HealthReport> {
    let workersAlive = 0;
    let workerLastSeenAt: string | null = null;
    const [db, queue, worker, mail, storage] = await Promise.all([
      this.probe(() => this.dataSource.query('SELECT 1')),
      this.probe(() => this.pingRedis()),
      this.probe(async () => {
        const seen = await this.heartbeat.seen();
        workersAlive = seen.alive;
        workerLastSeenAt = seen.lastBeatAt?.toISOString() ?? null;
        if (seen.alive === 0) throw new Error('no worker alive');
      }),
      this.mailState(),
      this.probe(() => this.storage.exists('health/probe')),
    ]);
    const states: Record<Dependency, DependencyState> = { db, queue, worker, mail, storage };
    const down = HEALTH_DEPENDENCIES.filter((name) => states[name] === 'down');
    return { status: down.length === 0 ? 'ok' : 'down', db, queue, worker, workersAlive, workerLastSeenAt, mail, storage, down };
  }

  private mailState(): Promise<DependencyState> {
    if (!this.mailChecked || Date.now() - this.mailChecked.at > MAIL_CACHE_MS) {
      this.mailChecked = { at: Date.now(), state: this.probe(() => this.smtpGreeting()) };
    }
    return this.mailChecked.state;
  }

  /** Up when the SMTP server answers a connection with its 220 greeting. */
  private smtpGreeting(): Promise<void> {
    const url = new URL(this.config.smtpUrl);
    const port = Number(url.port || (url.protocol === 'smtps:' ? 465 : 25));
    return new Promise<void>((resolve, reject) => {
      const socket: Socket = connect({ host: url.hostname, port });
      socket.setTimeout(PROBE_TIMEOUT_MS);
      let greeting = '';
      const finish = (error?: Error): void => {
        socket.destroy();
        if (error) reject(error);
        else resolve();
      };
      socket.on('data', (chunk: Buffer) => {
        greeting += chunk.toString('latin1');
        if (greeting.includes('\n')) finish(greeting.startsWith('220') ? undefined : new Error(`unexpected greeting ${greeting.slice(0, 40)}`));
      });
      socket.on('timeout', () => finish(new Error('timeout')));
      socket.on('error', (error) => finish(error));
      socket.on('end', () => finish(new Error('closed before greeting')));
    });
  }

  private async pingRedis(): Promise<void> {
    const client = new Redis(redisOptions(this.config.redisUrl, 'probe'));
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.ping();
    } finally {
      client.disconnect();
    }
  }

  private async probe(check: () => Promise<unknown>): Promise<DependencyState> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), PROBE_TIMEOUT_MS);
    });
    try {
      await Promise.race([check(), timeout]);
      return 'up';
    } catch {
      return 'down';
    } finally {
      clearTimeout(timer);
    }
  }
}
