import { DynamicModule, INestApplication, INestApplicationContext, Type } from '@nestjs/common';
import { AppConfig, CoreOptions, loadConfig } from '@grants/core';
import { createApi } from '../../apps/api/src/create-api';
import { createWorker } from '../../apps/worker/src/create-worker';

/** The configuration the global setup prepared, with per-test overrides (e.g. another REDIS_URL). */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({ ...process.env, ...overrides });
}

/** The API exactly as main.ts builds it, listening on a random loopback port. */
export async function startApi(config: AppConfig = testConfig(), extraModules: Array<Type | DynamicModule> = [], options: CoreOptions = {}): Promise<INestApplication> {
  const app = await createApi(config, extraModules, options);
  await app.listen(0, '127.0.0.1');
  return app;
}

/** The worker exactly as its main.ts builds it: job handlers and the outbox relay running. */
export function startWorker(config: AppConfig = testConfig(), options: CoreOptions = {}): Promise<INestApplicationContext> {
  return createWorker(config, options);
}
