import { defineJob } from '@grants/core';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsEmail, IsIn, IsObject, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { LOCALES, Locale } from './templates/email-template';
import { EMAIL_TEMPLATE_NAMES, EmailTemplateName } from './templates';

/** A stored file sent along, such as a decision letter; read from storage when the email is sent. */
export class EmailAttachment {
  @IsString()
  @MaxLength(200)
  filename!: string;

  @IsIn(['application/pdf'])
  contentType!: string;

  @Matches(/^[a-z0-9][a-z0-9/_-]{0,200}$/)
  storageKey!: string;
}

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

  @IsOptional()
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => EmailAttachment)
  attachments?: EmailAttachment[];
}

export const sendEmailJob = defineJob('email-send', 'notifications', SendEmailPayload);
