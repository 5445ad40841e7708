import { defineJob } from '@grants/core';
import { IsInt, IsUUID, Min } from 'class-validator';

export class RenderSubmissionPayload {
  @IsUUID()
  applicationId!: string;

  @IsInt()
  @Min(1)
  version!: number;
}

/** Renders one submitted version of an application to PDF and stores it. Keyed by application and version. */
export const renderSubmissionJob = defineJob('submission-render', 'documents', RenderSubmissionPayload, { attempts: 6 });

export function submissionJobKey(applicationId: string, version: number): string {
  return `${applicationId}/v${version}`;
}

/** Where a version's PDF is stored: one file per version, so a render that runs again writes the same file. */
export function submissionPdfKey(applicationId: string, version: number): string {
  return `submissions/${applicationId}/v${version}`;
}
