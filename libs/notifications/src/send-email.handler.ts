import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AppConfig, FileStorage, HandlesJob, JobContext, JobHandler } from '@grants/core';
import { Repository } from 'typeorm';
import { EmailDeliveryEntity } from './email-delivery.entity';
import { MailTransport } from './mail-transport';
import { SendEmailPayload, sendEmailJob } from './send-email.job';
import { emailTemplates } from './templates';
import { EmailTemplate, renderEmail } from './templates/email-template';

@Injectable()
@HandlesJob(sendEmailJob)
export class SendEmailHandler implements JobHandler<SendEmailPayload> {
  constructor(
    private readonly transport: MailTransport,
    private readonly storage: FileStorage,
    @InjectRepository(EmailDeliveryEntity) private readonly deliveries: Repository<EmailDeliveryEntity>,
    private readonly config: AppConfig,
  ) {}

  async handle(payload: SendEmailPayload, context: JobContext): Promise<void> {
    if (await this.deliveries.existsBy({ jobId: context.jobId })) {
      return;
    }
    const template = emailTemplates[payload.template] as EmailTemplate<unknown>;
    const rendered = renderEmail(template, payload.locale, payload.data, { contact: this.config.officeContact });
    const attachments = await Promise.all(
      (payload.attachments ?? []).map(async ({ filename, contentType, storageKey }) => ({ filename, contentType, content: await this.storage.get(storageKey) })),
    );
    const { messageId } = await this.transport.send({ to: payload.to, locale: payload.locale, ...rendered, attachments });
    await this.deliveries.insert({ jobId: context.jobId, template: payload.template, recipients: payload.to, messageId });
  }
}
