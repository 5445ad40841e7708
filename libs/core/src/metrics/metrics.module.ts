import { Module } from '@nestjs/common';
import { MetricsService } from './metrics.service';

/** The API's metrics; the worker has none of its own, since what it does is read from the shared queues and tables. */
@Module({
  providers: [MetricsService],
  exports: [MetricsService],
})
export class MetricsModule {}
