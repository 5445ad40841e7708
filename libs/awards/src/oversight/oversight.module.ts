import { Module } from '@nestjs/common';
import { ApplicationsModule } from '@grants/applications';
import { AuditModule } from '@grants/audit';
import { IdentityModule } from '@grants/identity';
import { AwardsModule } from '../awards.module';
import { AccessLogService } from './access-log.service';
import { AuditTrailService } from './audit-trail.service';
import { DashboardService } from './dashboard.service';
import { FundsReportService } from './funds-report.service';
import { OrganizationExportService } from './organization-export.service';

/** Oversight and data sovereignty: the audit trail, organizations' access logs and exports, the funds report. */
@Module({
  imports: [ApplicationsModule, AuditModule, AwardsModule, IdentityModule],
  providers: [AccessLogService, AuditTrailService, DashboardService, FundsReportService, OrganizationExportService],
  exports: [AccessLogService, AuditTrailService, DashboardService, FundsReportService, OrganizationExportService],
})
export class OversightModule {}
