import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApplicationsModule } from '@grants/applications';
import { AuditModule } from '@grants/audit';
import { IdentityModule } from '@grants/identity';
import { NotificationsModule } from '@grants/notifications';
import { AssignmentService } from './assignment.service';
import { DecisionEntity } from './decision.entity';
import { DecisionService } from './decision.service';
import { ReviewsDemoSeeder } from './demo/reviews-demo.seeder';
import { OpenReviewsHandler } from './open-reviews.handler';
import { RankingService } from './ranking.service';
import { ReviewAssignmentEntity } from './review-assignment.entity';
import { ReviewRemindersHandler } from './review-reminders.handler';
import { ReviewService } from './review.service';

@Module({
  imports: [ApplicationsModule, AuditModule, IdentityModule, NotificationsModule, TypeOrmModule.forFeature([DecisionEntity, ReviewAssignmentEntity])],
  providers: [AssignmentService, DecisionService, OpenReviewsHandler, RankingService, ReviewService, ReviewsDemoSeeder],
  exports: [AssignmentService, DecisionService, RankingService, ReviewService, ReviewsDemoSeeder],
})
export class ReviewsModule {}

/** The scheduled work of reviews, for the worker. */
@Module({
  imports: [NotificationsModule],
  providers: [ReviewRemindersHandler],
})
export class ReviewsWorkerModule {}
