import { defineJob } from '@grants/core';
import { ArrayMaxSize, ArrayMinSize, IsEmail, IsIn, IsObject } from 'class-validator';
import { LOCALES, Locale } from './templates/email-template';
import { EMAIL_TEMPLATE_NAMES, EmailTemplateName } from './templates';

export class SendEmailPayload {
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsEmail({}, { each: true })
  to!: string[];

  @IsIn(EMAIL_TEMPLATE_NAMES)
  template!: EmailTemplateName;

  @IsIn(LOCALES)
  locale!: Locale;

  @IsObject()
  data!: Record<string, unknown>;
}

export const sendEmailJob = defineJob('email-send', 'notifications', SendEmailPayload);
