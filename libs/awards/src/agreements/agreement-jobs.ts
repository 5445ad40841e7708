import { defineJob } from '@grants/core';
import { IsUUID } from 'class-validator';

export class RenderAgreementPayload {
  @IsUUID()
  agreementVersionId!: string;
}

/** Renders one version of an agreement to PDF, stores it with its SHA-256, then asks the organization to sign. Keyed by version. */
export const renderAgreementJob = defineJob('agreement-render', 'documents', RenderAgreementPayload, { attempts: 6 });
