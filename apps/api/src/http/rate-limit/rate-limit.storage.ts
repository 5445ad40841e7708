import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { redisOptions } from '@grants/core';
import Redis from 'ioredis';

type Counted = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** The longest a request waits for Redis before it is counted in this process instead. */
const REDIS_TIMEOUT_MS = 500;
/** After Redis failed, how long requests are counted in this process without asking Redis again. */
const RETRY_REDIS_AFTER_MS = 5_000;

/**
 * The rate-limit counters, in Redis so that every API process counts the same requests. When Redis
 * cannot be reached, each process counts on its own in memory (and that is logged once), and asks
 * Redis again only every few seconds: the limits still hold, per process, and an outage of Redis
 * neither takes the API down nor slows every request by the timeout.
 */
export class RedisRateLimitStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimit');
  private readonly redis: Redis;
  private readonly counters: ThrottlerStorageRedisService;
  private readonly local = new ThrottlerStorageService();
  private unreachable = false;
  private retryRedisAt = 0;

  constructor(redisUrl: string) {
    // Unlike the queue producer, a command waits for the connection (up to the timeout), so the first
    // requests after a start are counted too.
    this.redis = new Redis({ ...redisOptions(redisUrl, 'producer'), enableOfflineQueue: true, commandTimeout: REDIS_TIMEOUT_MS });
    this.redis.on('error', () => undefined);
    this.counters = new ThrottlerStorageRedisService(this.redis);
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<Counted> {
    if (this.unreachable && Date.now() < this.retryRedisAt) return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
    try {
      const counted = await this.counters.increment(key, ttl, limit, blockDuration, throttlerName);
      if (this.unreachable) this.logger.log('Redis is reachable again: rate limits are counted across processes again');
      this.unreachable = false;
      return counted;
    } catch (error: unknown) {
      if (!this.unreachable) this.logger.warn({ err: error }, 'Redis is unreachable: rate limits are counted in each process until it is back');
      this.unreachable = true;
      this.retryRedisAt = Date.now() + RETRY_REDIS_AFTER_MS;
      return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
    }
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
    this.local.onApplicationShutdown();
  }
}
