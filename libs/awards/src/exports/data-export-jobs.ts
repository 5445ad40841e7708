import { defineJob } from '@grants/core';
import { IsUUID } from 'class-validator';

export class DataExportPayload {
  @IsUUID()
  exportId!: string;
}

/** Builds a large export into file storage, rows_written kept up to date each page. Keyed by export: `data-export/<id>`. */
export const dataExportJob = defineJob('data-export', 'documents', DataExportPayload, { attempts: 3 });
