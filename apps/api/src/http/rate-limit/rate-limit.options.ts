import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerModuleOptions } from '@nestjs/throttler';
import { AppConfig } from '@grants/core';
import { AUTH_RATE_LIMITED } from '../auth/auth.decorators';
import { RedisRateLimitStorage } from './rate-limit.storage';

const MINUTE_MS = 60_000;
const reflector = new Reflector();

function isAuthRateLimited(context: ExecutionContext): boolean {
  return reflector.get<boolean | undefined>(AUTH_RATE_LIMITED, context.getHandler()) === true;
}

/**
 * Per-address limits, counted in Redis and so shared by every API process. `default` counts each
 * route on its own; `auth` counts every route marked @AuthRateLimited(), in the API and the pages
 * alike, as one, so that an address cannot spread its attempts over sign-in, reset and register.
 * The tracker is the client address (`req.ip`: from X-Forwarded-For only as far as TRUST_PROXY trusts its proxies).
 */
export function rateLimitOptions(config: AppConfig): ThrottlerModuleOptions {
  // Namespaced like the queues, so environments (or test databases) can share one Redis; the
  // storage appends the throttler's name. All of an address's counters start with the same key.
  const namespace = `${config.queuePrefix}:rate-limit`;
  return {
    errorMessage: 'Too many requests from your address. Wait a minute and try again.',
    storage: new RedisRateLimitStorage(config.redisUrl),
    throttlers: [
      {
        name: 'default',
        ttl: MINUTE_MS,
        limit: config.rateLimitPerMinute,
        generateKey: (context, tracker) => `${namespace}:${tracker}:${context.getClass().name}.${context.getHandler().name}`,
      },
      {
        name: 'auth',
        ttl: MINUTE_MS,
        limit: config.authRateLimitPerMinute,
        skipIf: (context) => !isAuthRateLimited(context),
        generateKey: (_context, tracker) => `${namespace}:${tracker}`,
      },
    ],
  };
}
