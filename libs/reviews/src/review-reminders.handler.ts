import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, Clock, defineJob, HandlesJob, JobHandler } from '@grants/core';
import { Locale } from '@grants/identity';
import { NotificationService } from '@grants/notifications';
import { DataSource } from 'typeorm';

export class ReviewRemindersPayload {}

const REMIND_BEFORE_MS = 3 * 24 * 3600_000;

/** Hourly: reviewers with an unfinished review are reminded once, three days before the call's review due date. */
export const reviewRemindersJob = defineJob('review-reminders', 'scheduled', ReviewRemindersPayload, { everyMs: 3600_000, attempts: 3 });

@Injectable()
@HandlesJob(reviewRemindersJob)
export class ReviewRemindersHandler implements JobHandler<ReviewRemindersPayload> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async handle(): Promise<void> {
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      const due = (await manager.query(
        `SELECT r.id, a.reference_number, c.review_due_at, u.name, u.email, u.locale
           FROM review_assignment r
           JOIN application a ON a.id = r.application_id
           JOIN call c ON c.id = a.call_id
           JOIN user_account u ON u.id = r.reviewer_id AND u.disabled_at IS NULL
          WHERE r.status = 'assigned' AND a.status = 'in_review' AND c.review_due_at > $1 AND c.review_due_at <= $2`,
        [now, new Date(now.getTime() + REMIND_BEFORE_MS)],
      )) as Array<{ id: string; reference_number: string; review_due_at: Date; name: string; email: string; locale: Locale }>;
      for (const assignment of due) {
        // One reminder per assignment: the outbox keeps the first email of a key.
        await this.notifications.sendEmail(manager, {
          key: `review-reminder/${assignment.id}`,
          to: [assignment.email],
          locale: assignment.locale,
          template: 'review-reminder',
          data: {
            name: assignment.name,
            referenceNumber: assignment.reference_number,
            dueAt: assignment.review_due_at.toISOString(),
            assignmentsUrl: new URL('/reviews', this.config.appUrl).toString(),
          },
        });
      }
    });
  }
}
