import { accessRemovedEmail, accountDisabledEmail, accountEnabledEmail } from './account-access.email';
import { agreementExecutedEmail, agreementReadyEmail, agreementSignedEmail } from './agreement.email';
import { accountExistsEmail } from './account-exists.email';
import { accountVerificationEmail } from './account-verification.email';
import { applicationIneligibleEmail } from './application-ineligible.email';
import { applicationSubmittedEmail } from './application-submitted.email';
import { awardHoldEmail } from './award-hold.email';
import { awardResponseEmail } from './award-response.email';
import { deadlineReminderEmail } from './deadline-reminder.email';
import { decisionLetterEmail } from './decision-letter.email';
import { EmailTemplate } from './email-template';
import { informationRequestedEmail } from './information-requested.email';
import { organizationInvitationEmail } from './organization-invitation.email';
import { organizationMemberDepartedEmail, organizationMembershipEndedEmail } from './organization-membership.email';
import { passwordResetEmail } from './password-reset.email';
import { reportDueEmail } from './report-due.email';
import { reportReturnedEmail } from './report-returned.email';
import { reviewAssignedEmail } from './review-assigned.email';
import { reviewReminderEmail } from './review-reminder.email';
import { signInLockedEmail } from './sign-in-locked.email';
import { rolesGrantedEmail, staffInvitationEmail } from './staff-invitation.email';

/** Every email the system sends, by name. Add a template here and its data type follows. */
export const emailTemplates = {
  'access-removed': accessRemovedEmail,
  'account-disabled': accountDisabledEmail,
  'account-enabled': accountEnabledEmail,
  'account-exists': accountExistsEmail,
  'account-verification': accountVerificationEmail,
  'agreement-executed': agreementExecutedEmail,
  'agreement-ready': agreementReadyEmail,
  'agreement-signed': agreementSignedEmail,
  'application-ineligible': applicationIneligibleEmail,
  'application-submitted': applicationSubmittedEmail,
  'award-hold': awardHoldEmail,
  'award-response': awardResponseEmail,
  'deadline-reminder': deadlineReminderEmail,
  'decision-letter': decisionLetterEmail,
  'information-requested': informationRequestedEmail,
  'organization-invitation': organizationInvitationEmail,
  'organization-member-departed': organizationMemberDepartedEmail,
  'organization-membership-ended': organizationMembershipEndedEmail,
  'password-reset': passwordResetEmail,
  'report-due': reportDueEmail,
  'report-returned': reportReturnedEmail,
  'review-assigned': reviewAssignedEmail,
  'review-reminder': reviewReminderEmail,
  'roles-granted': rolesGrantedEmail,
  'sign-in-locked': signInLockedEmail,
  'staff-invitation': staffInvitationEmail,
} as const;

export type EmailTemplateName = keyof typeof emailTemplates;
export type EmailTemplateData<N extends EmailTemplateName> = (typeof emailTemplates)[N] extends EmailTemplate<infer D> ? D : never;
export const EMAIL_TEMPLATE_NAMES = Object.keys(emailTemplates) as EmailTemplateName[];
