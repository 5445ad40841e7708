import { accountVerificationEmail } from './account-verification.email';
import { EmailTemplate } from './email-template';

/** Every email the system sends, by name. Add a template here and its data type follows. */
export const emailTemplates = {
  'account-verification': accountVerificationEmail,
} as const;

export type EmailTemplateName = keyof typeof emailTemplates;
export type EmailTemplateData<N extends EmailTemplateName> = (typeof emailTemplates)[N] extends EmailTemplate<infer D> ? D : never;
export const EMAIL_TEMPLATE_NAMES = Object.keys(emailTemplates) as EmailTemplateName[];
