import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, Reflector } from '@nestjs/core';
import { ApplicationsWorkerModule } from '@grants/applications';
import { AwardsWorkerModule, DataExportsWorkerModule } from '@grants/awards';
import { AppConfig, CoreModule, CoreOptions, DatabaseModule, JobsModule, LoggingModule, OutboxReconciler, OutboxRelay, QueueRegistry, WorkerHeartbeat } from '@grants/core';
import { IdentityWorkerModule } from '@grants/identity';
import { NotificationsWorkerModule } from '@grants/notifications';
import { ReviewsWorkerModule } from '@grants/reviews';
import { DataSource } from 'typeorm';
import { jobCatalog } from './job-catalog';
import { JobRuntime } from './job-runtime';

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, options: CoreOptions = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [ApplicationsWorkerModule, AwardsWorkerModule, CoreModule.forRoot(config, options), DatabaseModule, DataExportsWorkerModule, DiscoveryModule, IdentityWorkerModule, JobsModule, LoggingModule, NotificationsWorkerModule, ReviewsWorkerModule],
      providers: [
        {
          provide: JobRuntime,
          inject: [DiscoveryService, Reflector, OutboxRelay, QueueRegistry, AppConfig, DataSource, WorkerHeartbeat, OutboxReconciler],
          useFactory: (discovery: DiscoveryService, reflector: Reflector, relay: OutboxRelay, queues: QueueRegistry, appConfig: AppConfig, dataSource: DataSource, heartbeat: WorkerHeartbeat, reconciler: OutboxReconciler) =>
            new JobRuntime(discovery, reflector, relay, queues, appConfig, jobCatalog, dataSource, heartbeat, reconciler),
        },
      ],
    };
  }
}
