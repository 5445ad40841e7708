import { deadlineRemindersJob, renderSubmissionJob } from '@grants/applications';
import { dataExportJob, renderAgreementJob, renderLetterJob, reportRemindersJob } from '@grants/awards';
import { JobDefinition } from '@grants/core';
import { passwordResetRequestJob, signInLockedJob } from '@grants/identity';
import { sendEmailJob } from '@grants/notifications';
import { reviewRemindersJob } from '@grants/reviews';

/** Every kind of background work the system knows. The worker refuses to boot if one has no handler. */
export const jobCatalog: readonly JobDefinition[] = [dataExportJob, deadlineRemindersJob, passwordResetRequestJob, renderAgreementJob, renderLetterJob, renderSubmissionJob, reportRemindersJob, reviewRemindersJob, sendEmailJob, signInLockedJob];
