import Redis, { RedisOptions } from 'ioredis';

/**
 * Connection options for BullMQ. Producers fail fast while Redis is away (the outbox keeps the
 * work); workers wait and reconnect forever, as BullMQ requires.
 */
export function redisOptions(redisUrl: string, role: 'producer' | 'worker' | 'probe'): RedisOptions {
  const url = new URL(redisUrl);
  const base: RedisOptions = {
    host: url.hostname,
    port: url.port ? Number(url.port) : 6379,
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  };
  switch (role) {
    case 'worker':
      return { ...base, maxRetriesPerRequest: null };
    case 'producer':
      return { ...base, enableOfflineQueue: false, maxRetriesPerRequest: 1 };
    case 'probe':
      return { ...base, enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 1000, lazyConnect: true };
  }
}

/**
 * Whether the connection is ready, waiting up to `timeoutMs` while it is being made: connections
 * without an offline queue fail commands at once until then, as on the first use after boot.
 */
export function whenReady(redis: Redis, timeoutMs = 1000): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true);
  return new Promise<boolean>((resolve) => {
    const ready = (): void => {
      clearTimeout(timer);
      resolve(true);
    };
    const timer = setTimeout(() => {
      redis.off('ready', ready);
      resolve(false);
    }, timeoutMs);
    redis.once('ready', ready);
  });
}
