import { defineJob, jobIdFor } from '@grants/core';
import { sendEmailJob } from '@grants/notifications';
import { IsUUID } from 'class-validator';

export class RenderLetterPayload {
  @IsUUID()
  applicationId!: string;
}

/** Offers the award of an approval, renders its decision letter to PDF and stores it; then queues its email. Keyed by application. */
export const renderLetterJob = defineJob('letter-render', 'documents', RenderLetterPayload, { attempts: 6 });

/** The email that carries an application's letter: one per decided application, to every member. */
export function letterEmailKey(applicationId: string): string {
  return `letter/${applicationId}`;
}

/** The job ids of an application's letter work, to follow its progress and failures. */
export function letterJobIds(applicationId: string): { render: string; email: string } {
  return { render: jobIdFor(renderLetterJob, applicationId), email: jobIdFor(sendEmailJob, letterEmailKey(applicationId)) };
}

/** Prefixes of those ids, for queries over many applications. */
export const LETTER_JOB_PREFIXES = { render: `${renderLetterJob.name}/`, email: `${sendEmailJob.name}/letter/` } as const;
