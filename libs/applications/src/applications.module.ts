import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@grants/audit';
import { CallsModule } from '@grants/calls';
import { DocumentsModule } from '@grants/documents';
import { IdentityModule } from '@grants/identity';
import { NotificationsModule } from '@grants/notifications';
import { ApplicationEntity } from './application.entity';
import { ApplicationService } from './application.service';
import { AttachmentEntity } from './attachment.entity';
import { AttachmentService } from './attachment.service';
import { BudgetLineEntity } from './budget-line.entity';
import { DeadlineRemindersHandler } from './deadline-reminders.handler';
import { MemberNotifier } from './member-notifier';
import { RenderSubmissionHandler } from './render-submission.handler';
import { ScreeningEntity } from './screening.entity';
import { ScreeningService } from './screening.service';
import { SnapshotEntity } from './snapshot.entity';
import { StaffConflictEntity } from './staff-conflict.entity';
import { StaffConflictService } from './staff-conflict.service';
import { StaffIndependenceService } from './staff-independence.service';
import { SubmissionPdfService } from './submission-pdf.service';
import { SubmissionService } from './submission.service';

const entities = TypeOrmModule.forFeature([ApplicationEntity, AttachmentEntity, BudgetLineEntity, ScreeningEntity, SnapshotEntity, StaffConflictEntity]);

@Module({
  imports: [AuditModule, CallsModule, entities, IdentityModule, NotificationsModule],
  providers: [ApplicationService, AttachmentService, MemberNotifier, ScreeningService, StaffConflictService, StaffIndependenceService, SubmissionPdfService, SubmissionService],
  exports: [ApplicationService, AttachmentService, MemberNotifier, ScreeningService, StaffConflictService, StaffIndependenceService, SubmissionPdfService, SubmissionService],
})
export class ApplicationsModule {}

/** The background work of applications, for the worker: deadline reminders, the PDFs of submitted versions. */
@Module({
  imports: [ApplicationsModule, DocumentsModule, entities, NotificationsModule],
  providers: [DeadlineRemindersHandler, RenderSubmissionHandler],
})
export class ApplicationsWorkerModule {}
