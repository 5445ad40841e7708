import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, Clock, defineJob, HandlesJob, JobHandler } from '@grants/core';
import { Locale } from '@grants/identity';
import { NotificationService } from '@grants/notifications';
import { DataSource } from 'typeorm';
import { ontarioDate } from './rules/award-plan';

export class ReportRemindersPayload {}

/** Reports owed are announced this many days before they are due, once per member. */
export const REPORT_REMINDER_DAYS = 14;

/** Daily check, run hourly so a stopped worker catches up: reports due within two weeks get a reminder. */
export const reportRemindersJob = defineJob('report-reminders', 'scheduled', ReportRemindersPayload, { everyMs: 3600_000, attempts: 3 });

interface ReportToRemind {
  report_id: string;
  award_id: string;
  kind: 'interim' | 'final';
  period: string;
  due_on: string;
  reference_number: string;
  legal_name: string;
  preferred_language: Locale;
  user_id: string;
  email: string;
}

@Injectable()
@HandlesJob(reportRemindersJob)
export class ReportRemindersHandler implements JobHandler<ReportRemindersPayload> {
  private readonly logger = new Logger(ReportRemindersHandler.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async handle(): Promise<void> {
    const today = ontarioDate(this.clock.now());
    const sent = await this.dataSource.transaction(async (manager) => {
      const reports = (await manager.query(
        `SELECT r.id AS report_id, r.award_id, r.kind, r.period, to_char(r.due_on, 'YYYY-MM-DD') AS due_on, a.reference_number,
                o.legal_name, o.preferred_language, u.id AS user_id, u.email
           FROM award_report r
           JOIN award w ON w.id = r.award_id AND w.status = 'accepted'
           JOIN application a ON a.id = w.application_id
           JOIN organization o ON o.id = w.organization_id
           JOIN organization_member m ON m.organization_id = o.id
           JOIN user_account u ON u.id = m.user_id AND u.disabled_at IS NULL
          WHERE r.status IN ('due', 'returned') AND r.due_on >= $1::date AND r.due_on <= $1::date + $2::int`,
        [today, REPORT_REMINDER_DAYS],
      )) as ReportToRemind[];
      for (const report of reports) {
        // Keyed by report and due date: each member is reminded once per report.
        await this.notifications.sendEmail(manager, {
          key: `report-due/${report.report_id}/${report.due_on}/${report.user_id}`,
          to: [report.email],
          locale: report.preferred_language,
          template: 'report-due',
          data: {
            organizationName: report.legal_name,
            referenceNumber: report.reference_number,
            kind: report.kind,
            period: report.period,
            dueOn: report.due_on,
            awardUrl: new URL(`/awards/${report.award_id}`, this.config.appUrl).toString(),
          },
        });
      }
      return reports.length;
    });
    if (sent > 0) this.logger.log(`report reminders checked for ${sent} member(s)`);
  }
}
