import { Global, Module } from '@nestjs/common';
import { WorkerHeartbeat } from '../health/worker-heartbeat';
import { JobRequeueService } from './job-requeue.service';
import { OutboxReconciler } from './outbox-reconciler';
import { OutboxRelay } from './outbox-relay';
import { OutboxService } from './outbox.service';
import { QueueRegistry } from './queue-registry';

@Global()
@Module({
  providers: [JobRequeueService, OutboxReconciler, OutboxRelay, OutboxService, QueueRegistry, WorkerHeartbeat],
  exports: [JobRequeueService, OutboxReconciler, OutboxRelay, OutboxService, QueueRegistry, WorkerHeartbeat],
})
export class JobsModule {}
