import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { redisOptions } from '@grants/core';
import Redis from 'ioredis';

type Counted = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** The longest a request waits for Redis before it is let through uncounted. */
const REDIS_TIMEOUT_MS = 500;

/**
 * The rate-limit counters, in Redis so that every API process counts the same requests. When Redis
 * cannot be reached, requests are let through uncounted (and that is logged once): the limits are a
 * line in front of the lockout per account, which is in PostgreSQL, and must not take the API down
 * with Redis.
 */
export class RedisRateLimitStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimit');
  private readonly redis: Redis;
  private readonly counters: ThrottlerStorageRedisService;
  private unreachable = false;

  constructor(redisUrl: string) {
    // Unlike the queue producer, a command waits for the connection (up to the timeout), so the first
    // requests after a start are counted too.
    this.redis = new Redis({ ...redisOptions(redisUrl, 'producer'), enableOfflineQueue: true, commandTimeout: REDIS_TIMEOUT_MS });
    this.redis.on('error', () => undefined);
    this.counters = new ThrottlerStorageRedisService(this.redis);
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<Counted> {
    try {
      const counted = await this.counters.increment(key, ttl, limit, blockDuration, throttlerName);
      if (this.unreachable) this.logger.log('Redis is reachable again: requests are rate limited again');
      this.unreachable = false;
      return counted;
    } catch (error: unknown) {
      if (!this.unreachable) this.logger.warn({ err: error }, 'Redis is unreachable: requests are not rate limited until it is back');
      this.unreachable = true;
      return { totalHits: 0, timeToExpire: Math.ceil(ttl / 1000), isBlocked: false, timeToBlockExpire: 0 };
    }
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
