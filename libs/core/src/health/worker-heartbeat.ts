import { hostname } from 'node:os';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { redisOptions, whenReady } from '../jobs/redis-connection';

/** How often a running worker says it is alive. */
export const HEARTBEAT_EVERY_MS = 3_000;
/** A worker not heard from for this long is taken for dead. */
export const HEARTBEAT_STALE_MS = 10_000;

export interface WorkersSeen {
  /** Workers heard from within HEARTBEAT_STALE_MS, on any host. */
  alive: number;
  /** When any worker was last heard from; null when none ever was (or Redis lost it). */
  lastBeatAt: Date | null;
}

/**
 * Each worker process beats into one sorted set in Redis (member `host:pid`, score the time), so
 * the API, on any host, can tell whether any worker is running and since when none is.
 */
@Injectable()
export class WorkerHeartbeat implements OnApplicationShutdown {
  private readonly logger = new Logger(WorkerHeartbeat.name);
  private readonly member = `${hostname()}:${process.pid}`;
  private connection: Redis | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly config: AppConfig) {}

  private get key(): string {
    return `${this.config.queuePrefix}:workers`;
  }

  /** Called by the worker once its queues are running. */
  start(): void {
    if (this.timer) return;
    const beat = (): void => {
      void this.beat().catch((error: unknown) => this.logger.debug({ err: error }, 'heartbeat not written'));
    };
    beat();
    this.timer = setInterval(beat, HEARTBEAT_EVERY_MS);
    this.timer.unref();
  }

  async seen(): Promise<WorkersSeen> {
    const redis = this.redis();
    await whenReady(redis);
    const now = Date.now();
    const [alive, latest] = await Promise.all([redis.zcount(this.key, now - HEARTBEAT_STALE_MS, '+inf'), redis.zrange(this.key, -1, -1, 'WITHSCORES')]);
    return { alive, lastBeatAt: latest.length === 2 ? new Date(Number(latest[1])) : null };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) {
      clearInterval(this.timer);
      this.timer = null;
      // A worker stopped on purpose says so at once rather than after HEARTBEAT_STALE_MS.
      await this.redis()
        .zrem(this.key, this.member)
        .catch(() => undefined);
    }
    this.connection?.disconnect();
    this.connection = null;
  }

  private async beat(): Promise<void> {
    const now = Date.now();
    await this.redis()
      .multi()
      .zadd(this.key, now, this.member)
      // Members of workers long gone are dropped; a day keeps "last seen" meaningful.
      .zremrangebyscore(this.key, '-inf', now - 24 * 3600_000)
      .exec();
  }

  private redis(): Redis {
    if (!this.connection) {
      this.connection = new Redis(redisOptions(this.config.redisUrl, 'producer'));
      this.connection.on('error', () => undefined);
    }
    return this.connection;
  }
}
