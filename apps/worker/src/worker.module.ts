import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, Reflector } from '@nestjs/core';
import { ApplicationsWorkerModule } from '@grants/applications';
import { AppConfig, CoreModule, CoreOptions, DatabaseModule, JobsModule, LoggingModule, OutboxRelay, QueueRegistry } from '@grants/core';
import { NotificationsWorkerModule } from '@grants/notifications';
import { ReviewsWorkerModule } from '@grants/reviews';
import { jobCatalog } from './job-catalog';
import { JobRuntime } from './job-runtime';

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, options: CoreOptions = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [ApplicationsWorkerModule, CoreModule.forRoot(config, options), DatabaseModule, DiscoveryModule, JobsModule, LoggingModule, NotificationsWorkerModule, ReviewsWorkerModule],
      providers: [
        {
          provide: JobRuntime,
          inject: [DiscoveryService, Reflector, OutboxRelay, QueueRegistry, AppConfig],
          useFactory: (discovery: DiscoveryService, reflector: Reflector, relay: OutboxRelay, queues: QueueRegistry, appConfig: AppConfig) =>
            new JobRuntime(discovery, reflector, relay, queues, appConfig, jobCatalog),
        },
      ],
    };
  }
}
