import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApplicationsModule } from '@grants/applications';
import { AuditModule } from '@grants/audit';
import { DocumentsModule } from '@grants/documents';
import { IdentityModule } from '@grants/identity';
import { NotificationsModule } from '@grants/notifications';
import { AgreementDrafter } from './agreements/agreement-drafter';
import { AgreementVersionEntity } from './agreements/agreement-version.entity';
import { AgreementService } from './agreements/agreement.service';
import { RenderAgreementHandler } from './agreements/render-agreement.handler';
import { AwardEntity, AwardHoldEntity, AwardPaymentEntity, AwardRecoveryEntity, AwardReportEntity } from './award.entity';
import { AwardService } from './award.service';
import { AgreementsDemoSeeder } from './demo/agreements-demo.seeder';
import { AwardsDemoSeeder } from './demo/awards-demo.seeder';
import { LetterService } from './letter.service';
import { AwardHoldService } from './payments/award-hold.service';
import { PaymentService } from './payments/payment.service';
import { RecoveryService } from './payments/recovery.service';
import { DecisionLetterEntity, DecisionReleaseEntity } from './release.entity';
import { ReleaseService } from './release.service';
import { RenderLetterHandler } from './render-letter.handler';
import { ReportRemindersHandler } from './report-reminders.handler';
import { ReportService } from './report.service';

const entities = TypeOrmModule.forFeature([AgreementVersionEntity, AwardEntity, AwardHoldEntity, AwardPaymentEntity, AwardRecoveryEntity, AwardReportEntity, DecisionLetterEntity, DecisionReleaseEntity]);

@Module({
  imports: [ApplicationsModule, AuditModule, entities, IdentityModule, NotificationsModule],
  providers: [AgreementDrafter, AgreementService, AwardHoldService, AwardService, AwardsDemoSeeder, LetterService, PaymentService, RecoveryService, ReleaseService, ReportService],
  exports: [AgreementService, AwardHoldService, AwardService, AwardsDemoSeeder, LetterService, PaymentService, RecoveryService, ReleaseService, ReportService],
})
export class AwardsModule {}

/** The background work of awards: rendering letters and agreements, reminding of reports. */
@Module({
  imports: [ApplicationsModule, AwardsModule, DocumentsModule, IdentityModule, NotificationsModule],
  // The agreements' demo data renders them as the worker does, so it lives beside the renderer.
  providers: [AgreementsDemoSeeder, RenderAgreementHandler, RenderLetterHandler, ReportRemindersHandler],
  exports: [AgreementsDemoSeeder],
})
export class AwardsWorkerModule {}
