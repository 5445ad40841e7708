import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig, CoreOptions } from '@grants/core';
import { refuseDemoAccountsInProduction } from '@grants/identity';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { WorkerModule } from './worker.module';

/** Builds and starts the worker; main.ts and the tests share it. */
export async function createWorker(config: AppConfig, options: CoreOptions = {}): Promise<INestApplicationContext> {
  const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, options), { bufferLogs: true, abortOnError: false });
  await refuseDemoAccountsInProduction(worker.get(DataSource), config).catch(async (error: unknown) => {
    await worker.close();
    throw error;
  });
  worker.useLogger(worker.get(Logger));
  worker.enableShutdownHooks();
  await worker.init();
  return worker;
}
