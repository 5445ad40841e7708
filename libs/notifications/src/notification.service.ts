import { Injectable } from '@nestjs/common';
import { OutboxService } from '@grants/core';
import { EntityManager } from 'typeorm';
import { EmailAttachment, sendEmailJob } from './send-email.job';
import { EmailTemplateData, EmailTemplateName } from './templates';
import { Locale } from './templates/email-template';

export interface EmailRequest<N extends EmailTemplateName> {
  /** Identifies this one email for good (e.g. `verify/<tokenId>`): the same key is sent once. */
  key: string;
  to: string[];
  locale: Locale;
  template: N;
  data: EmailTemplateData<N>;
  attachments?: EmailAttachment[];
}

/** Domain services ask for emails here, inside their own transaction; the worker sends them. */
@Injectable()
export class NotificationService {
  constructor(private readonly outbox: OutboxService) {}

  sendEmail<N extends EmailTemplateName>(manager: EntityManager, request: EmailRequest<N>): Promise<string> {
    return this.outbox.enqueue(manager, sendEmailJob, request.key, {
      to: request.to,
      template: request.template,
      locale: request.locale,
      data: request.data as unknown as Record<string, unknown>,
      ...(request.attachments ? { attachments: request.attachments } : {}),
    });
  }
}
