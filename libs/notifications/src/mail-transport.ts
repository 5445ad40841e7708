import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, OfficialLanguage } from '@grants/core';
import { createTransport, Transporter } from 'nodemailer';

export interface OutgoingEmail {
  to: string[];
  /** The language of the email, and so of the sender's display name. */
  locale: OfficialLanguage;
  subject: string;
  text: string;
  html: string;
  /** `<id@host>`; nodemailer makes a random one when it is not given. */
  messageId?: string;
  attachments?: Array<{ filename: string; content: Buffer; contentType: string }>;
}

/** The SMTP boundary. Only the worker's email handler uses it. */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly transporter: Transporter;

  constructor(private readonly config: AppConfig) {
    // A pool of reused connections: opening one per email capped throughput (see bench/).
    this.transporter = createTransport({ url: config.smtpUrl, pool: true, maxConnections: 4 });
  }

  async send({ locale, ...email }: OutgoingEmail): Promise<{ messageId: string }> {
    const info = await this.transporter.sendMail({ from: this.config.mailFromFor(locale), ...email });
    return { messageId: String(info.messageId) };
  }

  onApplicationShutdown(): void {
    this.transporter.close();
  }
}
