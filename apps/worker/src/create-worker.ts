import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig, CoreOptions } from '@grants/core';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

/** Builds and starts the worker; main.ts and the tests share it. */
export async function createWorker(config: AppConfig, options: CoreOptions = {}): Promise<INestApplicationContext> {
  const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, options), { bufferLogs: true, abortOnError: false });
  worker.useLogger(worker.get(Logger));
  worker.enableShutdownHooks();
  await worker.init();
  return worker;
}
