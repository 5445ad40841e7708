import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApplicationsModule } from '@grants/applications';
import { AuditModule } from '@grants/audit';
import { NotificationsModule } from '@grants/notifications';
import { AssignmentService } from './assignment.service';
import { DecisionEntity } from './decision.entity';
import { DecisionService } from './decision.service';
import { RankingService } from './ranking.service';
import { ReviewAssignmentEntity } from './review-assignment.entity';
import { ReviewRemindersHandler } from './review-reminders.handler';
import { ReviewService } from './review.service';

@Module({
  imports: [ApplicationsModule, AuditModule, NotificationsModule, TypeOrmModule.forFeature([DecisionEntity, ReviewAssignmentEntity])],
  providers: [AssignmentService, DecisionService, RankingService, ReviewService],
  exports: [AssignmentService, DecisionService, RankingService, ReviewService],
})
export class ReviewsModule {}

/** The scheduled work of reviews, for the worker. */
@Module({
  imports: [NotificationsModule],
  providers: [ReviewRemindersHandler],
})
export class ReviewsWorkerModule {}
