import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, Reflector } from '@nestjs/core';
import { AppConfig, CoreModule, DatabaseModule, JobsModule, LoggingModule, OutboxRelay } from '@grants/core';
import { NotificationsWorkerModule } from '@grants/notifications';
import { jobCatalog } from './job-catalog';
import { JobRuntime } from './job-runtime';

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [CoreModule.forRoot(config), DatabaseModule, DiscoveryModule, JobsModule, LoggingModule, NotificationsWorkerModule],
      providers: [
        {
          provide: JobRuntime,
          inject: [DiscoveryService, Reflector, OutboxRelay, AppConfig],
          useFactory: (discovery: DiscoveryService, reflector: Reflector, relay: OutboxRelay, appConfig: AppConfig) =>
            new JobRuntime(discovery, reflector, relay, appConfig, jobCatalog),
        },
      ],
    };
  }
}
