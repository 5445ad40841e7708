import { Global, Module } from '@nestjs/common';
import { OutboxRelay } from './outbox-relay';
import { OutboxService } from './outbox.service';
import { QueueRegistry } from './queue-registry';

@Global()
@Module({
  providers: [OutboxRelay, OutboxService, QueueRegistry],
  exports: [OutboxRelay, OutboxService, QueueRegistry],
})
export class JobsModule {}
