import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApplicationsModule } from '@grants/applications';
import { AuditModule } from '@grants/audit';
import { IdentityModule } from '@grants/identity';
import { DataExportEntity } from './data-export.entity';
import { DataExportHandler } from './data-export.handler';
import { DataExportService } from './data-export.service';
import { ExportSources } from './export-sources';

/** Officers' exports of applications, reviews, awards with payments and reports, in CSV and XLSX. */
@Module({
  imports: [ApplicationsModule, AuditModule, IdentityModule, TypeOrmModule.forFeature([DataExportEntity])],
  providers: [DataExportService, ExportSources],
  exports: [DataExportService],
})
export class DataExportsModule {}

/** The background work of exports: building a large one into file storage. */
@Module({
  imports: [DataExportsModule],
  providers: [DataExportHandler],
})
export class DataExportsWorkerModule {}
