import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AppConfig, FileStorage, HandlesJob, JobContext, JobHandler } from '@grants/core';
import { Repository } from 'typeorm';
import { AcceptedEmail, EmailAcceptanceLedger } from './email-acceptance-ledger';
import { EmailDeliveryEntity } from './email-delivery.entity';
import { MailTransport } from './mail-transport';
import { SendEmailPayload, sendEmailJob } from './send-email.job';
import { emailTemplates } from './templates';
import { EmailTemplate, renderEmail } from './templates/email-template';

/**
 * The same for every try of one job, so a copy that SMTP itself causes (it accepted, then the
 * connection dropped before it said so) carries the first one's Message-ID and mail clients drop it.
 */
export function messageIdFor(jobId: string, appUrl: string): string {
  return `<${createHash('sha256').update(jobId).digest('hex').slice(0, 32)}@${new URL(appUrl).hostname}>`;
}

@Injectable()
@HandlesJob(sendEmailJob)
export class SendEmailHandler implements JobHandler<SendEmailPayload> {
  constructor(
    private readonly transport: MailTransport,
    private readonly storage: FileStorage,
    private readonly ledger: EmailAcceptanceLedger,
    @InjectRepository(EmailDeliveryEntity) private readonly deliveries: Repository<EmailDeliveryEntity>,
    private readonly config: AppConfig,
  ) {}

  async handle(payload: SendEmailPayload, context: JobContext): Promise<void> {
    // Redis first: a try after a database outage finds what SMTP already accepted there.
    const accepted = await this.ledger.find(context.jobId);
    if (accepted) return this.recordDelivery(accepted);
    if (await this.deliveries.existsBy({ jobId: context.jobId })) return;
    const template = emailTemplates[payload.template] as EmailTemplate<unknown>;
    const rendered = renderEmail(template, payload.locale, payload.data, { contact: this.config.officeContact });
    const attachments = await Promise.all(
      (payload.attachments ?? []).map(async ({ filename, contentType, storageKey }) => ({ filename, contentType, content: await this.storage.get(storageKey) })),
    );
    const messageId = messageIdFor(context.jobId, this.config.appUrl);
    await this.transport.send({ to: payload.to, locale: payload.locale, messageId, ...rendered, attachments });
    const acceptance: AcceptedEmail = { jobId: context.jobId, template: payload.template, recipients: payload.to, messageId, acceptedAt: new Date().toISOString() };
    await this.ledger.record(acceptance);
    await this.recordDelivery(acceptance);
  }

  private async recordDelivery({ jobId, template, recipients, messageId, acceptedAt }: AcceptedEmail): Promise<void> {
    await this.deliveries.createQueryBuilder().insert().values({ jobId, template, recipients, messageId, sentAt: new Date(acceptedAt) }).orIgnore().execute();
    await this.ledger.forget(jobId);
  }
}
