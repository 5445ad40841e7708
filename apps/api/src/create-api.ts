import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory, RouterModule } from '@nestjs/core';
import { AppConfig, CoreOptions } from '@grants/core';
import { refuseDemoAccountsInProduction } from '@grants/identity';
import { DataSource } from 'typeorm';
import { API_PREFIX, AppModule } from './app.module';
import { configureApp } from './configure-app';

/** Builds the HTTP application; main.ts and the tests share it. Tests may add fixture modules (served under /api/v1). */
export async function createApi(config: AppConfig, extraModules: Array<Type | DynamicModule> = [], options: CoreOptions = {}): Promise<INestApplication> {
  const root = AppModule.forRoot(config, options);
  // Extra modules (test fixtures) are mounted under the API prefix, as the API's own controllers are.
  const mounted = extraModules.map((extra) => ({ path: API_PREFIX, module: 'module' in extra ? extra.module : extra }));
  root.imports = [...(root.imports ?? []), ...extraModules, ...(mounted.length > 0 ? [RouterModule.register(mounted)] : [])];
  const app = await NestFactory.create(root, { bufferLogs: true, abortOnError: false, bodyParser: false });
  await refuseDemoAccountsInProduction(app.get(DataSource), config).catch(async (error: unknown) => {
    await app.close();
    throw error;
  });
  configureApp(app);
  app.enableShutdownHooks();
  return app;
}
