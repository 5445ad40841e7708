import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig, CoreOptions } from '@grants/core';
import { AppModule } from './app.module';
import { configureApp } from './configure-app';

/** Builds the HTTP application; main.ts and the tests share it. Tests may add fixture modules. */
export async function createApi(config: AppConfig, extraModules: Array<Type | DynamicModule> = [], options: CoreOptions = {}): Promise<INestApplication> {
  const root = AppModule.forRoot(config, options);
  root.imports = [...(root.imports ?? []), ...extraModules];
  const app = await NestFactory.create(root, { bufferLogs: true, abortOnError: false, bodyParser: false });
  configureApp(app);
  app.enableShutdownHooks();
  return app;
}
