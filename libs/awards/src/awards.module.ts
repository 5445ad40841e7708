import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApplicationsModule } from '@grants/applications';
import { AuditModule } from '@grants/audit';
import { DocumentsModule } from '@grants/documents';
import { IdentityModule } from '@grants/identity';
import { NotificationsModule } from '@grants/notifications';
import { AwardPaymentEntity, AwardEntity, AwardReportEntity } from './award.entity';
import { AwardService } from './award.service';
import { AwardsDemoSeeder } from './demo/awards-demo.seeder';
import { LetterService } from './letter.service';
import { DecisionLetterEntity, DecisionReleaseEntity } from './release.entity';
import { ReleaseService } from './release.service';
import { RenderLetterHandler } from './render-letter.handler';
import { ReportRemindersHandler } from './report-reminders.handler';
import { ReportService } from './report.service';

const entities = TypeOrmModule.forFeature([AwardEntity, AwardPaymentEntity, AwardReportEntity, DecisionLetterEntity, DecisionReleaseEntity]);

@Module({
  imports: [ApplicationsModule, AuditModule, entities, IdentityModule, NotificationsModule],
  providers: [AwardService, AwardsDemoSeeder, LetterService, ReleaseService, ReportService],
  exports: [AwardService, AwardsDemoSeeder, LetterService, ReleaseService, ReportService],
})
export class AwardsModule {}

/** The background work of awards: rendering letters, reminding of reports. */
@Module({
  imports: [ApplicationsModule, AwardsModule, DocumentsModule, NotificationsModule],
  providers: [RenderLetterHandler, ReportRemindersHandler],
})
export class AwardsWorkerModule {}
