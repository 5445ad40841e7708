import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Localized } from '@grants/calls';
import { AppConfig, Clock, defineJob, HandlesJob, JobHandler } from '@grants/core';
import { Locale } from '@grants/identity';
import { NotificationService } from '@grants/notifications';
import { DataSource } from 'typeorm';

export class DeadlineRemindersPayload {}

const DAY_MS = 24 * 3600_000;

/** Hourly: drafts of calls closing within a week get a reminder at 7 days and at 1 day, each once. */
export const deadlineRemindersJob = defineJob('deadline-reminders', 'scheduled', DeadlineRemindersPayload, { everyMs: 3600_000, attempts: 3 });

interface DraftToRemind {
  application_id: string;
  closes_at: Date;
  title: Localized;
  legal_name: string;
  preferred_language: Locale;
  user_id: string;
  email: string;
}

@Injectable()
@HandlesJob(deadlineRemindersJob)
export class DeadlineRemindersHandler implements JobHandler<DeadlineRemindersPayload> {
  private readonly logger = new Logger(DeadlineRemindersHandler.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async handle(): Promise<void> {
    const now = this.clock.now();
    const sent = await this.dataSource.transaction(async (manager) => {
      const drafts = (await manager.query(
        `SELECT a.id AS application_id, c.closes_at, c.title, o.legal_name, o.preferred_language, u.id AS user_id, u.email
           FROM application a
           JOIN call c ON c.id = a.call_id
           JOIN organization o ON o.id = a.organization_id
           JOIN organization_member m ON m.organization_id = o.id
           JOIN user_account u ON u.id = m.user_id AND u.disabled_at IS NULL
          WHERE a.status = 'draft' AND c.published_at IS NOT NULL AND c.closed_at IS NULL
            AND c.closes_at > $1 AND c.closes_at <= $2`,
        [now, new Date(now.getTime() + 7 * DAY_MS)],
      )) as DraftToRemind[];
      for (const draft of drafts) {
        const daysLeft = draft.closes_at.getTime() - now.getTime() <= DAY_MS ? 1 : 7;
        // The outbox keeps one email per key: each reminder goes out at most once.
        await this.notifications.sendEmail(manager, {
          key: `deadline-reminder/${draft.application_id}/${daysLeft}d/${draft.user_id}`,
          to: [draft.email],
          locale: draft.preferred_language,
          template: 'deadline-reminder',
          data: {
            organizationName: draft.legal_name,
            callTitle: draft.title,
            closesAt: draft.closes_at.toISOString(),
            daysLeft,
            applicationUrl: new URL(`/applications/${draft.application_id}`, this.config.appUrl).toString(),
          },
        });
      }
      return drafts.length;
    });
    if (sent > 0) this.logger.log(`deadline reminders checked for ${sent} member(s) of draft applications`);
  }
}
