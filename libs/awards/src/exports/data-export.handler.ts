import { Injectable } from '@nestjs/common';
import { HandlesJob, JobContext, JobHandler } from '@grants/core';
import { DataExportPayload, dataExportJob } from './data-export-jobs';
import { DataExportService } from './data-export.service';

/** Builds a large export in the worker. Safe to run again: a ready export is left as it is, any other is rebuilt from scratch. */
@Injectable()
@HandlesJob(dataExportJob)
export class DataExportHandler implements JobHandler<DataExportPayload> {
  constructor(private readonly exports: DataExportService) {}

  handle({ exportId }: DataExportPayload, context: JobContext): Promise<void> {
    return this.exports.build(exportId, context.attempt >= dataExportJob.attempts);
  }
}
